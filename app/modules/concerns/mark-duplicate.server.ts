import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { actingConvener } from "~/modules/spaces/access.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { tellRaisers } from "./tell-raisers.server";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";
import type { MarkDuplicateInput } from "./schema";

/**
 * A convener marks an open concern a duplicate of another concern of the same space: it closes with the
 * status "duplicate" and links to the original (the original's own original, when that one is a duplicate
 * too, so links never chain). Like an answer, it applies once, to an open concern only.
 */
export async function markConcernDuplicate(
  actor: Actor,
  space: SpaceResource,
  input: Pick<MarkDuplicateInput, "concernId" | "duplicateOfId"> & { preferredOrganisationId: string | null },
) {
  const organisationId = actingConvener(
    actor,
    "space.mark-duplicate-concern",
    space,
    input.preferredOrganisationId,
  );
  return runCommand(async (tx, emit) => {
    const concern = await tx.concern.findFirst({
      where: { id: input.concernId, spaceId: space.spaceId },
      select: { id: true, organisationId: true, space: { select: { title: true } } },
    });
    if (!concern) notFound();
    const original = await tx.concern.findFirst({
      where: { id: input.duplicateOfId, spaceId: space.spaceId },
      select: { id: true, duplicateOfId: true },
    });
    if (!original) throw new DomainError("concerns.errors.originalNotFound", "duplicateOfId");
    const originalId = original.duplicateOfId ?? original.id;
    if (originalId === concern.id)
      throw new DomainError("concerns.errors.duplicateOfItself", "duplicateOfId");
    const marked = await tx.concern.updateMany({
      where: { id: concern.id, status: "open" },
      data: {
        status: "duplicate",
        duplicateOfId: originalId,
        answeredById: actor.personId,
        answeredAt: new Date(),
      },
    });
    if (marked.count === 0) throw new DomainError("concerns.errors.alreadyAnswered");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "space.concern-marked-duplicate",
      subjectType: "concern",
      subjectId: concern.id,
      detail: { duplicateOfId: originalId },
    });
    await tellRaisers(tx, emit, concern, { personId: actor.personId, spaceId: space.spaceId });
    return concern;
  });
}
