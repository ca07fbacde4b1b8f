import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import { planOf } from "./access.server";
import { firstAllowed, mayReportOn } from "./policy";
import type { ReportInput } from "./schema";

/**
 * A lead or partner organisation (or a convener) reports progress on an action. The report is proposed: the
 * action's status and progress change only when it is approved (review-report.server.ts).
 */
export async function submitReport(
  actor: Actor,
  space: SpaceResource,
  actionId: string,
  input: Omit<ReportInput, "intent">,
  preferredOrganisationId: string | null,
) {
  return runCommand(async (tx, emit) => {
    const plan = await planOf(tx, space.spaceId);
    const action = await tx.planAction.findFirst({
      where: { id: actionId, planId: plan.id },
      select: { id: true, leadOrganisationId: true, partners: { select: { organisationId: true } } },
    });
    if (!action) notFound();
    if (plan.status === "closed") throw new DomainError("plans.errors.planClosed");
    const owners = {
      leadOrganisationId: action.leadOrganisationId,
      partnerOrganisationIds: action.partners.map((partner) => partner.organisationId),
    };
    const organisationId = firstAllowed(
      space.standings.map((standing) => standing.organisationId),
      preferredOrganisationId,
      (candidate) => mayReportOn(actor, space, owners, candidate),
    );
    if (!organisationId) forbidden();
    const report = await tx.progressReport.create({
      data: {
        actionId: action.id,
        organisationId,
        authorId: actor.personId,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        text: input.text,
        percent: input.percent ?? null,
        milestone: input.milestone,
        evidenceUrl: input.evidenceUrl,
        proposedStatus: input.proposedStatus,
        statusReason: input.statusReason,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "plan.report-submitted",
      subjectType: "progress-report",
      subjectId: report.id,
      detail: { actionId: action.id, percent: report.percent, proposedStatus: report.proposedStatus },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return report;
  });
}
