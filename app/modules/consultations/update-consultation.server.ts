import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { resolveConsultationFields } from "./create-consultation.server";
import type { ConsultationFields } from "./schema";

/** A convener rewrites a draft consultation: its description, audience and dates. */
export async function updateConsultation(
  actor: Actor,
  consultation: LoadedConsultation,
  input: ConsultationFields,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.build", consultation, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const current = await tx.consultation.findUnique({
      where: { id: consultation.consultationId },
      select: { status: true },
    });
    if (!current) notFound();
    if (current.status !== "draft") throw new DomainError("consultations.builder.errors.notDraft");
    const { data, organisationIds } = await resolveConsultationFields(tx, consultation.spaceId, input);
    await tx.consultationAudience.deleteMany({ where: { consultationId: consultation.consultationId } });
    await tx.consultation.update({
      where: { id: consultation.consultationId },
      data: {
        ...data,
        audienceOrganisations: { create: organisationIds.map((id) => ({ organisationId: id })) },
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.updated",
      subjectType: "consultation",
      subjectId: consultation.consultationId,
      detail: { ...data, organisationIds },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
  });
}
