import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import type { RespondValues } from "./review-schema";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { countOutcomes } from "./tallies.server";

/**
 * The conveners write one response and attach it to one or several submitted inputs of the consultation
 * (inputs on the same point share it). Only while the consultation is closed: an input already answered
 * is re-pointed to the new response, which is possible until the feedback is published. A response no
 * input points to any more is removed, so the report never shows an answer to nothing.
 */
export async function respondToInputs(
  actor: Actor,
  consultation: LoadedConsultation,
  input: Pick<RespondValues, "submissionIds" | "outcome" | "explanation" | "changeMade">,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.review", consultation, preferredOrganisationId);
  const submissionIds = [...new Set(input.submissionIds)];
  return runCommand(async (tx, emit) => {
    const found = await tx.consultation.findUniqueOrThrow({
      where: { id: consultation.consultationId },
      select: { status: true },
    });
    if (found.status === "published") throw new DomainError("consultations.review.errors.published");
    if (found.status !== "closed") throw new DomainError("consultations.review.errors.notClosed");
    const inputs = await tx.submission.findMany({
      where: { id: { in: submissionIds }, consultationId: consultation.consultationId, status: "submitted" },
      select: { id: true, responseId: true, response: { select: { outcome: true } } },
    });
    if (inputs.length !== submissionIds.length) {
      throw new DomainError("consultations.review.errors.unknownInputs", "submissionIds");
    }
    const response = await tx.consultationResponse.create({
      data: {
        consultationId: consultation.consultationId,
        outcome: input.outcome,
        explanation: input.explanation,
        // Only an accepted or partly accepted input made a change.
        changeMade:
          input.outcome === "accepted" || input.outcome === "partly_accepted" ? input.changeMade : "",
        authorId: actor.personId,
      },
      select: { id: true },
    });
    await tx.submission.updateMany({
      where: { id: { in: submissionIds } },
      data: { responseId: response.id },
    });
    await countOutcomes(
      tx,
      consultation.consultationId,
      inputs.map((row) => ({ from: row.response?.outcome ?? null, to: input.outcome })),
    );
    const previous = [...new Set(inputs.flatMap((row) => (row.responseId ? [row.responseId] : [])))];
    if (previous.length > 0) {
      await tx.consultationResponse.deleteMany({
        where: { id: { in: previous }, submissions: { none: {} } },
      });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.response-written",
      subjectType: "consultation-response",
      subjectId: response.id,
      detail: {
        consultationId: consultation.consultationId,
        outcome: input.outcome,
        submissionIds,
        repointedFrom: previous,
      },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return { responseId: response.id, count: submissionIds.length };
  });
}
