import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { saveGoal } from "~/modules/action-plans/save-goal.server";
import { goalSchema } from "~/modules/action-plans/schema";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { refusedForm } from "~/utils/form-status.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The goal named in the path, in the space's plan ("new": none yet); 404 when it is not the space's. */
async function goalOf(spaceId: string, goalId: string) {
  if (goalId === "new") return null;
  const goal = await db().planGoal.findFirst({ where: { id: goalId, plan: { spaceId } } });
  if (!goal) notFound();
  return goal;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.edit");
  const goal = await goalOf(space.spaceId, params.goalId ?? "");
  if (!goal && !(await db().actionPlan.findUnique({ where: { spaceId: space.spaceId } }))) notFound();
  return {
    spaceId: space.spaceId,
    isNew: goal === null,
    defaultValue: goal
      ? { domain: goal.domain, sdgTarget: goal.sdgTarget, title: goal.title, description: goal.description }
      : {},
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.edit");
  const goal = await goalOf(space.spaceId, params.goalId ?? "");
  const submission = parseWithZod(await readForm(request), { schema: goalSchema });
  if (submission.status !== "success") return refusedForm(submission.reply());
  const organisationId = await currentOrganisationId(request, actor);
  const result = await attempt(submission, () =>
    saveGoal(actor, space, goal?.id ?? null, submission.value, organisationId),
  );
  if (!result.ok) return refusedForm(result.reply);
  return redirectWithToast(`/spaces/${space.spaceId}/plan`, {
    kind: "success",
    message: goal ? "plans.goal.saved" : "plans.goal.added",
  });
}
