import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { actingConvener } from "~/modules/spaces/access.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { tellRaisers } from "./tell-raisers.server";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";
import type { AnswerConcernInput } from "./schema";

/**
 * A convener answers an open concern, once: the answer and its status are set only while the concern is
 * still open, so of two answers sent at the same time the second is refused and the first is kept.
 */
export async function answerConcern(
  actor: Actor,
  space: SpaceResource,
  input: Pick<AnswerConcernInput, "concernId" | "answer" | "status"> & {
    preferredOrganisationId: string | null;
  },
) {
  const organisationId = actingConvener(actor, "space.answer-concern", space, input.preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const concern = await tx.concern.findFirst({
      where: { id: input.concernId, spaceId: space.spaceId },
      select: { id: true, organisationId: true, space: { select: { title: true } } },
    });
    if (!concern) notFound();
    const answered = await tx.concern.updateMany({
      where: { id: concern.id, status: "open" },
      data: {
        status: input.status,
        answer: input.answer,
        answeredById: actor.personId,
        answeredAt: new Date(),
      },
    });
    if (answered.count === 0) throw new DomainError("concerns.errors.alreadyAnswered");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "space.concern-answered",
      subjectType: "concern",
      subjectId: concern.id,
      detail: { status: input.status },
    });
    await tellRaisers(tx, emit, concern, { personId: actor.personId, spaceId: space.spaceId });
    return concern;
  });
}
