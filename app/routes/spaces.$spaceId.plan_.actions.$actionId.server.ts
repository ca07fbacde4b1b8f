import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { firstAllowed, mayReportOn, mayReviewReport } from "~/modules/action-plans/policy";
import { addIndicator, recordIndicatorValue } from "~/modules/action-plans/indicators.server";
import { actionDetail, actionIndicators } from "~/modules/action-plans/queries.server";
import { reviewReport } from "~/modules/action-plans/review-report.server";
import {
  editableStatuses,
  indicatorSchema,
  indicatorValueSchema,
  isPast,
  reportSchema,
  reviewReportSchema,
  type PlanStatus,
} from "~/modules/action-plans/schema";
import { submitReport } from "~/modules/action-plans/submit-report.server";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { refusedForm } from "~/utils/form-status.server";
import { redirectWithToast } from "~/utils/toast.server";

/** One action of the plan: its owners, dates, status, sub-actions and progress reports. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.view");
  const [detail, indicators, organisationId, language] = await Promise.all([
    actionDetail(space.spaceId, params.actionId ?? ""),
    actionIndicators(params.actionId ?? ""),
    currentOrganisationId(request, actor),
    resolveLanguage(request, actor),
  ]);
  if (!detail) notFound();
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const owners = {
    leadOrganisationId: detail.leadOrganisationId,
    partnerOrganisationIds: detail.partners.map((partner) => partner.organisationId),
  };
  const candidates = space.standings.map((standing) => standing.organisationId);
  const reportingFor = firstAllowed(candidates, organisationId, (candidate) =>
    mayReportOn(actor, space, owners, candidate),
  );
  return {
    spaceId: space.spaceId,
    action: {
      id: detail.id,
      title: detail.title,
      problem: detail.problem,
      status: detail.status,
      statusReason: detail.statusReason,
      progress: detail.progress,
      start: date.format(detail.startDate),
      due: date.format(detail.dueDate),
      overdue: isPast(detail.dueDate) && detail.status !== "done" && detail.status !== "dropped",
      goal: detail.goal,
      parent: detail.parent,
      children: detail.children,
      lead: { name: detail.leadOrganisation.name, delegate: detail.leadDelegate?.name ?? null },
      partners: detail.partners.map((partner) => ({
        id: partner.organisationId,
        name: partner.organisation.name,
        delegate: partner.delegate?.name ?? null,
      })),
    },
    mayEdit: can(actor, "plan.edit", space) && editableStatuses.includes(detail.plan.status as PlanStatus),
    // The organisation a report from this person is made for (their current one when it may report).
    reportingFor:
      detail.plan.status === "closed" || !reportingFor
        ? null
        : (actor.memberships.find((membership) => membership.organisationId === reportingFor)
            ?.organisationName ?? null),
    indicators: indicators.map((indicator) => ({
      id: indicator.id,
      title: indicator.title,
      measure: indicator.measure,
      unit: indicator.unit,
      ascending: indicator.ascending,
      baseline: indicator.baselineDate ? date.format(indicator.baselineDate) : null,
      baselineValue: indicator.baselineValue,
      baselineComment: indicator.baselineComment,
      meansOfVerification: indicator.meansOfVerification,
      values: indicator.values.map((value) => ({
        id: value.id,
        kind: value.kind,
        period: value.period,
        value: value.value,
        comment: value.comment,
        evidenceUrl: value.evidenceUrl,
        organisation: value.organisation.name,
      })),
    })),
    reports: detail.reports.map((report) => ({
      id: report.id,
      organisation: report.organisation.name,
      author: report.author.name,
      period: `${date.format(report.periodFrom)} – ${date.format(report.periodTo)}`,
      text: report.text,
      percent: report.percent,
      milestone: report.milestone,
      evidenceUrl: report.evidenceUrl,
      proposedStatus: report.proposedStatus,
      statusReason: report.statusReason,
      state: report.state,
      reviewer: report.reviewer?.name ?? null,
      reviewComment: report.reviewComment,
      submitted: date.format(report.createdAt),
      mayReview:
        report.state === "proposed" &&
        candidates.some((candidate) => mayReviewReport(actor, space, owners, report, candidate)),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.view");
  const actionId = params.actionId ?? "";
  const formData = await readForm(request);
  const organisationId = await currentOrganisationId(request, actor);
  const back = `/spaces/${space.spaceId}/plan/actions/${actionId}`;

  const intent = formData.get("intent");
  if (intent === "indicator") {
    await requireSpace(actor, space.spaceId, "plan.edit");
    const submission = parseWithZod(formData, { schema: indicatorSchema });
    if (submission.status !== "success")
      return refusedForm({ formId: "indicator", result: submission.reply() });
    const result = await attempt(submission, () =>
      addIndicator(actor, space, actionId, submission.value, organisationId),
    );
    if (!result.ok) return refusedForm({ formId: "indicator", result: result.reply });
    return redirectWithToast(back, { kind: "success", message: "plans.indicators.added" });
  }
  if (intent === "indicator-value") {
    const formId = `value-${String(formData.get("indicatorId"))}`;
    const submission = parseWithZod(formData, { schema: indicatorValueSchema });
    if (submission.status !== "success") return refusedForm({ formId, result: submission.reply() });
    const result = await attempt(submission, () =>
      recordIndicatorValue(actor, space, actionId, submission.value, organisationId),
    );
    if (!result.ok) return refusedForm({ formId, result: result.reply });
    return redirectWithToast(back, {
      kind: "success",
      message: `plans.indicators.recorded.${submission.value.kind}`,
    });
  }

  if (intent === "review") {
    const formId = `review-${String(formData.get("reportId"))}`;
    const submission = parseWithZod(formData, { schema: reviewReportSchema });
    if (submission.status !== "success") return refusedForm({ formId, result: submission.reply() });
    const result = await attempt(submission, () =>
      reviewReport(actor, space, submission.value, organisationId),
    );
    if (!result.ok) return refusedForm({ formId, result: result.reply });
    return redirectWithToast(back, {
      kind: "success",
      message: result.value.approved ? "plans.reports.approved" : "plans.reports.returned",
    });
  }

  const submission = parseWithZod(formData, { schema: reportSchema });
  if (submission.status !== "success") return refusedForm({ formId: "report", result: submission.reply() });
  const result = await attempt(submission, () =>
    submitReport(actor, space, actionId, submission.value, organisationId),
  );
  if (!result.ok) return refusedForm({ formId: "report", result: result.reply });
  return redirectWithToast(back, { kind: "success", message: "plans.reports.submitted" });
}
