import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { actionHolders, planOf, planStructure } from "~/modules/action-plans/queries.server";
import { saveAction, type PartnerDelegates } from "~/modules/action-plans/save-action.server";
import { actionSchema, dayValue, partnerDelegateField } from "~/modules/action-plans/schema";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { refusedForm } from "~/utils/form-status.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The action named in the path (none on /actions/new), in the space's plan; 404 when it is not the space's. */
async function actionOf(spaceId: string, actionId: string | undefined) {
  if (actionId === undefined) return null;
  const action = await db().planAction.findFirst({
    where: { id: actionId, plan: { spaceId } },
    include: { partners: { select: { organisationId: true, delegateId: true } } },
  });
  if (!action) notFound();
  return action;
}

/** The add-action and edit-action form (the routes /plan/actions/new and /plan/actions/:id/edit share it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.edit");
  const plan = await planOf(space.spaceId);
  if (!plan) notFound();
  const existing = await actionOf(space.spaceId, params.actionId);
  const url = new URL(request.url);
  const [holders, structure] = await Promise.all([actionHolders(space.spaceId), planStructure(plan.id)]);
  const defaultValue = existing
    ? {
        goalId: existing.goalId,
        parentId: existing.parentId ?? "",
        title: existing.title,
        problem: existing.problem,
        leadOrganisationId: existing.leadOrganisationId,
        leadDelegateId: existing.leadDelegateId ?? "",
        partnerOrganisationIds: existing.partners.map((partner) => partner.organisationId),
        startDate: dayValue(existing.startDate),
        dueDate: dayValue(existing.dueDate),
        ...Object.fromEntries(
          existing.partners.map((partner) => [
            partnerDelegateField(partner.organisationId),
            partner.delegateId ?? "",
          ]),
        ),
      }
    : { goalId: url.searchParams.get("goalId") ?? "", parentId: url.searchParams.get("parentId") ?? "" };
  return {
    spaceId: space.spaceId,
    actionId: existing?.id ?? null,
    holders,
    goals: structure.goals,
    // An action cannot go under itself: the edit form leaves it out of the parents offered (the command also
    // refuses its sub-actions).
    parents: structure.actions.filter((candidate) => candidate.id !== existing?.id),
    defaultValue,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.edit");
  const existing = await actionOf(space.spaceId, params.actionId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: actionSchema });
  if (submission.status !== "success") return refusedForm(submission.reply());
  const delegates: PartnerDelegates = Object.fromEntries(
    submission.value.partnerOrganisationIds.map((organisationId) => {
      const value = formData.get(partnerDelegateField(organisationId));
      return [organisationId, typeof value === "string" && value !== "" ? value.slice(0, 64) : null];
    }),
  );
  const organisationId = await currentOrganisationId(request, actor);
  const result = await attempt(submission, () =>
    saveAction(actor, space, existing?.id ?? null, submission.value, delegates, organisationId),
  );
  if (!result.ok) return refusedForm(result.reply);
  return redirectWithToast(`/spaces/${space.spaceId}/plan/actions/${result.value.id}`, {
    kind: "success",
    message: existing ? "plans.actionForm.saved" : "plans.actionForm.added",
  });
}
