import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { adoptPlan, setPlanStatus } from "~/modules/action-plans/adopt-plan.server";
import { coSignPlan } from "~/modules/action-plans/co-sign-plan.server";
import { commentOnPlan } from "~/modules/action-plans/comment-plan.server";
import {
  childPlansByDomain,
  planComments,
  planOverview,
  type PlanActionNode,
} from "~/modules/action-plans/queries.server";
import { adoptSchema, commentSchema, planStatusSchema } from "~/modules/action-plans/schema";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, attemptWithToast, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { refusedForm } from "~/utils/form-status.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The space's action plan: goals → actions → sub-actions with owners, status and progress roll-up. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.view");
  const [overview, children, organisationId, language] = await Promise.all([
    planOverview(space.spaceId),
    childPlansByDomain(space.spaceId),
    currentOrganisationId(request, actor),
    resolveLanguage(request, actor),
  ]);
  const comments = overview ? await planComments(overview.plan.id) : { comments: [], total: 0 };
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const acting = organisationId ? { ...space, organisationId } : null;
  const shownAction = (node: PlanActionNode): ShownAction => ({
    id: node.id,
    title: node.title,
    status: node.status,
    progress: node.progress,
    rolledUp: node.rolledUp,
    overdue: node.overdue,
    due: date.format(node.dueDate),
    dueDateTime: node.dueDate.toISOString().slice(0, 10),
    leadOrganisation: node.leadOrganisation,
    partners: node.partners,
    proposedReports: node.proposedReports,
    children: node.children.map((child) => shownAction(child as PlanActionNode)),
  });
  return {
    spaceId: space.spaceId,
    may: {
      edit: can(actor, "plan.edit", space),
      adopt: can(actor, "plan.adopt", space),
      coSign: acting !== null && can(actor, "plan.co-sign", acting),
      comment: can(actor, "plan.comment-draft", space),
    },
    comments: {
      total: comments.total,
      list: comments.comments.map((comment) => ({
        id: comment.id,
        organisation: comment.organisation.name,
        author: comment.author.name,
        text: comment.text,
        date: date.format(comment.createdAt),
      })),
    },
    currentOrganisationId: organisationId,
    children,
    overview: overview && {
      ...overview,
      plan: {
        ...overview.plan,
        period: `${date.format(overview.plan.periodFrom)} – ${date.format(overview.plan.periodTo)}`,
        adoptedOn: overview.plan.adoptedOn ? date.format(overview.plan.adoptedOn) : null,
        periodFrom: undefined,
        periodTo: undefined,
      },
      goals: overview.goals.map((goal) => ({
        id: goal.id,
        title: goal.title,
        description: goal.description,
        domain: goal.domain,
        sdgTarget: goal.sdgTarget,
        rolledUp: goal.rolledUp,
        actions: goal.actions.map(shownAction),
      })),
      signatures: overview.signatures.map((signature) => ({
        ...signature,
        signedAt: date.format(signature.signedAt),
      })),
    },
  };
}

export type ShownAction = {
  id: string;
  title: string;
  status: string;
  progress: number;
  rolledUp: number | null;
  overdue: boolean;
  due: string;
  dueDateTime: string;
  leadOrganisation: string;
  partners: string[];
  proposedReports: number;
  children: ShownAction[];
};

/** The plan page's forms: co-sign, adopt, and put under review or close. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "plan.view");
  const formData = await readForm(request);
  const organisationId = await currentOrganisationId(request, actor);
  const back = `/spaces/${spaceId}/plan`;
  const intent = formData.get("intent");

  if (intent === "comment") {
    const space = await requireSpace(actor, spaceId, "plan.comment-draft");
    const submission = parseWithZod(formData, { schema: commentSchema });
    if (submission.status !== "success")
      return refusedForm({ formId: "plan-comment", result: submission.reply() });
    const result = await attempt(submission, () =>
      commentOnPlan(actor, space, submission.value.text, organisationId),
    );
    if (!result.ok) return refusedForm({ formId: "plan-comment", result: result.reply });
    return redirectWithToast(back, { kind: "success", message: "plans.comments.done" });
  }
  if (intent === "co-sign") {
    const space = await requireSpace(actor, spaceId, "plan.co-sign");
    return attemptWithToast(back, "plans.adoption.coSigned", () => coSignPlan(actor, space, organisationId));
  }
  const space = await requireSpace(actor, spaceId, "plan.adopt");
  if (intent === "status") {
    const submission = parseWithZod(formData, { schema: planStatusSchema });
    if (submission.status !== "success")
      return refusedForm({ formId: "plan-status", result: submission.reply() });
    const status = submission.value.status;
    return attemptWithToast(back, `plans.adoption.statusDone.${status}`, () =>
      setPlanStatus(actor, space, status, organisationId),
    );
  }
  const submission = parseWithZod(formData, { schema: adoptSchema });
  if (submission.status !== "success")
    return refusedForm({ formId: "adopt-plan", result: submission.reply() });
  const result = await attempt(submission, () => adoptPlan(actor, space, submission.value, organisationId));
  if (!result.ok) return refusedForm({ formId: "adopt-plan", result: result.reply });
  return redirectWithToast(back, { kind: "success", message: "plans.adoption.adopted" });
}
