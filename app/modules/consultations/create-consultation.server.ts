import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { actingConvener } from "~/modules/spaces/access.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { audienceCandidate } from "./audience.server";
import { consultationToDraftIn } from "./policy";
import { defaultFeedbackDays, defaultFeedbackDue, type ConsultationFields } from "./schema";

/**
 * The consultation's chosen organisations, which must be among its candidates (audienceCandidates); and the
 * feedback date, from the space's promise at CONSULT when the convener left it empty.
 */
export async function resolveConsultationFields(tx: Tx, spaceId: string, input: ConsultationFields) {
  const organisationIds = input.audience === "chosen" ? [...new Set(input.organisationIds)] : [];
  if (organisationIds.length > 0) {
    const known = await tx.spaceParticipant.count({
      where: { ...audienceCandidate(spaceId), organisationId: { in: organisationIds } },
    });
    if (known !== organisationIds.length)
      throw new DomainError("consultations.builder.errors.unknownOrganisation", "organisationIds");
  }
  let feedbackDueAt = input.feedbackDueAt;
  if (!feedbackDueAt) {
    const promise = await tx.spacePromise.findUnique({
      where: { spaceId_level: { spaceId, level: "CONSULT" } },
      select: { feedbackDays: true },
    });
    feedbackDueAt = defaultFeedbackDue(input.closesAt, promise?.feedbackDays ?? defaultFeedbackDays);
  }
  return {
    data: {
      title: input.title,
      purpose: input.purpose,
      openToChange: input.openToChange,
      notOpenToChange: input.notOpenToChange,
      decision: input.decision,
      decisionMaker: input.decisionMaker,
      background: input.background,
      languages: input.languages.join(","),
      audience: input.audience,
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt,
      feedbackDueAt,
    },
    organisationIds,
  };
}

/** A convener drafts a consultation in their space; it stays invisible to participants until opened. */
export async function createConsultation(
  actor: Actor,
  space: SpaceResource,
  input: ConsultationFields,
  preferredOrganisationId: string | null,
): Promise<{ id: string }> {
  const organisationId = actingConvener(
    actor,
    "consultation.build",
    consultationToDraftIn(space),
    preferredOrganisationId,
  );
  return runCommand(async (tx, emit) => {
    const { data, organisationIds } = await resolveConsultationFields(tx, space.spaceId, input);
    const consultation = await tx.consultation.create({
      data: {
        ...data,
        spaceId: space.spaceId,
        createdById: actor.personId,
        audienceOrganisations: { create: organisationIds.map((id) => ({ organisationId: id })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "consultation.created",
      subjectType: "consultation",
      subjectId: consultation.id,
      detail: { ...data, organisationIds },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "consultation" });
    return consultation;
  });
}
