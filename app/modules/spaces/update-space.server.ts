import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { db, type Tx } from "~/utils/db.server";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { assertVisibleParent } from "./create-space.server";
import { actingConvener } from "./access.server";
import { copySpaceTitle } from "./participant-copies.server";
import type { SpaceResource } from "./policy";
import type { SpaceDetails } from "./schema";

/** Whether `spaceId` is `parentId` or one of its ancestors: making it the parent would close a loop. */
async function wouldMakeCycle(tx: Tx, spaceId: string, parentId: string): Promise<boolean> {
  const seen = new Set<string>();
  let current: string | null = parentId;
  while (current && !seen.has(current)) {
    if (current === spaceId) return true;
    seen.add(current);
    const row: { parentId: string | null } | null = await tx.space.findUnique({
      where: { id: current },
      select: { parentId: true },
    });
    current = row?.parentId ?? null;
  }
  return false;
}

/**
 * Saves a space's title, mandate, themes and parent (the route has checked "space.edit"). The audit event
 * keeps what changed; saving without a change writes nothing.
 */
export async function updateSpace(
  actor: Actor,
  space: SpaceResource,
  input: SpaceDetails,
): Promise<{ changed: string[] }> {
  const spaceId = space.spaceId;
  const current = await db().space.findUniqueOrThrow({
    where: { id: spaceId },
    select: { title: true, mandate: true, parentId: true, themes: { select: { theme: true } } },
  });
  const before = {
    title: current.title,
    mandate: current.mandate,
    parentId: current.parentId,
    themes: current.themes.map(({ theme }) => theme).sort(),
  };
  const after = { ...input, themes: [...new Set(input.themes)].sort() };
  const changes = Object.fromEntries(
    (Object.keys(before) as (keyof typeof before)[])
      .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => [field, { from: before[field], to: after[field] }]),
  );
  const changed = Object.keys(changes);
  if (changed.length === 0) return { changed };
  if (after.parentId === spaceId) throw new DomainError("spaces.errors.parentCycle", "parentId");
  if (changes.parentId && after.parentId) await assertVisibleParent(actor, after.parentId);
  await runCommand(async (tx, emit) => {
    if (changes.parentId && after.parentId && (await wouldMakeCycle(tx, spaceId, after.parentId))) {
      throw new DomainError("spaces.errors.parentCycle", "parentId");
    }
    await tx.space.update({
      where: { id: spaceId },
      data: { title: after.title, mandate: after.mandate, parentId: after.parentId },
    });
    if (changes.title) await copySpaceTitle(tx, spaceId, after.title);
    if (changes.themes) {
      await tx.spaceTheme.deleteMany({ where: { spaceId } });
      await tx.spaceTheme.createMany({ data: after.themes.map((theme) => ({ spaceId, theme })) });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: actingConvener(actor, "space.edit", space),
      spaceId,
      action: "space.updated",
      subjectType: "space",
      subjectId: spaceId,
      detail: { changes },
    });
    emit("space.changed", { spaceId, what: "space" });
    if (changes.parentId) {
      for (const parentId of [before.parentId, after.parentId]) {
        if (parentId) emit("space.changed", { spaceId: parentId, what: "space" });
      }
    }
  });
  return { changed };
}
