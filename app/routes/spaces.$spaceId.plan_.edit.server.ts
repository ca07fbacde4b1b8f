import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { planOf } from "~/modules/action-plans/queries.server";
import { savePlan } from "~/modules/action-plans/save-plan.server";
import { dayValue, planSchema } from "~/modules/action-plans/schema";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { refusedForm } from "~/utils/form-status.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.edit");
  const plan = await planOf(space.spaceId);
  return {
    spaceId: space.spaceId,
    exists: plan !== null,
    status: plan?.status ?? "draft",
    defaultValue: plan
      ? { title: plan.title, periodFrom: dayValue(plan.periodFrom), periodTo: dayValue(plan.periodTo) }
      : {},
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.edit");
  const submission = parseWithZod(await readForm(request), { schema: planSchema });
  if (submission.status !== "success") return refusedForm(submission.reply());
  const organisationId = await currentOrganisationId(request, actor);
  const result = await attempt(submission, () => savePlan(actor, space, submission.value, organisationId));
  if (!result.ok) return refusedForm(result.reply);
  return redirectWithToast(`/spaces/${space.spaceId}/plan`, { kind: "success", message: "plans.edit.saved" });
}
