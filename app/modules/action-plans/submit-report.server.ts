import { recordAudit } from "~/modules/audit/record.server";
import { notify } from "~/modules/notifications/notify.server";
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
      select: {
        id: true,
        title: true,
        leadOrganisationId: true,
        partners: { select: { organisationId: true } },
        plan: { select: { space: { select: { title: true } } } },
      },
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
    // Those who may decide on it: the conveners' people and, for a partner's report, the lead organisation's.
    const reviewers = await tx.membership.findMany({
      where: {
        personId: { not: actor.personId },
        OR: [
          {
            organisation: {
              spaceParticipation: { some: { spaceId: space.spaceId, role: "convener", status: "active" } },
            },
          },
          ...(organisationId !== action.leadOrganisationId
            ? [{ organisationId: action.leadOrganisationId }]
            : []),
        ],
      },
      select: { personId: true },
    });
    const organisation = await tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { name: true },
    });
    notify(emit, {
      personIds: reviewers.map((member) => member.personId),
      spaceId: space.spaceId,
      message: "notifications.messages.planReportProposed",
      values: { organisation: organisation.name, action: action.title, space: action.plan.space.title },
      link: `/spaces/${space.spaceId}/plan/actions/${action.id}`,
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return report;
  });
}
