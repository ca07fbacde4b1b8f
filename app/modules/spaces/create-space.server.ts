import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { levels } from "~/modules/engagement/levels";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import type { Language } from "~/utils/i18n";
import { loadSpaceResource } from "./access.server";
import { defaultPromises } from "./default-promises";
import type { ConveningOrganisation } from "./policy";
import type { NewSpace } from "./schema";

/** A parent space must be one the person can see; anything else is refused as if it did not exist. */
export async function assertVisibleParent(actor: Actor, parentId: string) {
  const parent = await loadSpaceResource(actor, parentId);
  if (!parent || !can(actor, "space.view", parent))
    throw new DomainError("spaces.errors.parentUnknown", "parentId");
}

/**
 * Creates a space convened by `organisation` (a verified government body the person is admin or focal point
 * of), with the person as its lead delegate there and the default promise of every level written in the
 * person's language.
 */
export async function createSpace(
  actor: Actor,
  organisation: ConveningOrganisation,
  input: NewSpace,
  language: Language,
): Promise<{ id: string }> {
  if (!can(actor, "space.create", organisation)) throw new DomainError("spaces.errors.mayNotConvene");
  if (input.parentId) await assertVisibleParent(actor, input.parentId);
  const promises = defaultPromises(language);
  return runCommand(async (tx, emit) => {
    const convener = await tx.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { name: true },
    });
    const space = await tx.space.create({
      data: {
        kind: input.kind,
        governanceLevel: input.governanceLevel,
        title: input.title,
        mandate: input.mandate,
        place: input.place,
        parentId: input.parentId,
        createdById: actor.personId,
        themes: { create: input.themes.map((theme) => ({ theme })) },
        promises: { create: levels.map((level) => ({ level, ...promises[level] })) },
        participants: {
          create: {
            organisationId: organisation.id,
            role: "convener",
            level: null,
            status: "active",
            spaceTitle: input.title,
            organisationName: convener.name,
          },
        },
        // Whoever convenes the space is its first focal point: the convening organisation's lead delegate.
        delegates: { create: { organisationId: organisation.id, personId: actor.personId, isLead: true } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: organisation.id,
      spaceId: space.id,
      action: "space.created",
      subjectType: "space",
      subjectId: space.id,
      detail: {
        kind: input.kind,
        governanceLevel: input.governanceLevel,
        title: input.title,
        place: input.place,
        themes: input.themes,
        parentId: input.parentId,
      },
    });
    emit("space.changed", { spaceId: space.id, what: "space" });
    if (input.parentId) emit("space.changed", { spaceId: input.parentId, what: "space" });
    return space;
  });
}
