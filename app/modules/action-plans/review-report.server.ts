import { recordAudit } from "~/modules/audit/record.server";
import { notify } from "~/modules/notifications/notify.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import { planOf } from "./access.server";
import { firstAllowed, mayReviewReport } from "./policy";
import type { ReviewReportInput } from "./schema";

/**
 * A convener — or the EMPOWER lead organisation, for its partners' reports — approves or returns a proposed
 * report, once. Approval sets the action's status (with the report's reason) and, when the report gives one,
 * its percent complete; a report of "done" without a percent completes it.
 */
export async function reviewReport(
  actor: Actor,
  space: SpaceResource,
  input: Omit<ReviewReportInput, "intent">,
  preferredOrganisationId: string | null,
) {
  return runCommand(async (tx, emit) => {
    const plan = await planOf(tx, space.spaceId);
    const report = await tx.progressReport.findFirst({
      where: { id: input.reportId, action: { planId: plan.id } },
      include: {
        action: {
          select: {
            id: true,
            title: true,
            leadOrganisationId: true,
            progress: true,
            partners: true,
            plan: { select: { space: { select: { title: true } } } },
          },
        },
      },
    });
    if (!report) notFound();
    const owners = {
      leadOrganisationId: report.action.leadOrganisationId,
      partnerOrganisationIds: report.action.partners.map((partner) => partner.organisationId),
    };
    const organisationId = firstAllowed(
      space.standings.map((standing) => standing.organisationId),
      preferredOrganisationId,
      (candidate) => mayReviewReport(actor, space, owners, report, candidate),
    );
    if (!organisationId) forbidden();
    const approved = input.decision === "approve";
    const decided = await tx.progressReport.updateMany({
      where: { id: report.id, state: "proposed" },
      data: {
        state: approved ? "approved" : "returned",
        reviewerId: actor.personId,
        reviewComment: input.comment,
        reviewedAt: new Date(),
      },
    });
    if (decided.count === 0) throw new DomainError("plans.errors.alreadyReviewed");
    if (approved) {
      const progress = report.percent ?? (report.proposedStatus === "done" ? 100 : report.action.progress);
      await tx.planAction.update({
        where: { id: report.action.id },
        data: { status: report.proposedStatus, statusReason: report.statusReason, progress },
      });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: approved ? "plan.report-approved" : "plan.report-returned",
      subjectType: "progress-report",
      subjectId: report.id,
      detail: { actionId: report.action.id, comment: input.comment },
    });
    const reporters = await tx.membership.findMany({
      where: { organisationId: report.organisationId, personId: { not: actor.personId } },
      select: { personId: true },
    });
    notify(emit, {
      personIds: reporters.map((member) => member.personId),
      spaceId: space.spaceId,
      message: approved
        ? "notifications.messages.planReportApproved"
        : "notifications.messages.planReportReturned",
      values: { action: report.action.title, space: report.action.plan.space.title },
      link: `/spaces/${space.spaceId}/plan/actions/${report.action.id}`,
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return { approved };
  });
}
