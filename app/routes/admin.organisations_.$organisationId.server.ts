import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { presentForReview } from "~/components/registration/organisation-review";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { decideRename } from "~/modules/organisations/decide-rename.server";
import { organisationForReview } from "~/modules/registration/queries.server";
import { decisionSchema, isRenameDecision } from "~/modules/registration/schema";
import { verifyOrganisation } from "~/modules/registration/verify-organisation.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, organisation } = await requireReview(request, params.organisationId);
  return {
    organisation: presentForReview(organisation, await resolveLanguage(request, actor)),
    canDecide: can(actor, "organisation.verify", organisation),
    canDecideRename: can(actor, "organisation.decide-rename", organisation),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, organisation } = await requireReview(request, params.organisationId);
  const submission = parseWithZod(await readForm(request), { schema: decisionSchema });
  if (submission.status !== "success") return submission.reply();
  const decision = submission.value;
  const renaming = isRenameDecision(decision);
  if (!can(actor, renaming ? "organisation.decide-rename" : "organisation.verify", organisation)) {
    return submission.reply({ formErrors: ["admin.decision.outdated"] });
  }
  const language = await resolveLanguage(request, actor);
  const result = await attempt(submission, async () => {
    if (isRenameDecision(decision)) {
      const { name, outcome, mailed } = await decideRename(actor, organisation.id, decision, language);
      return { name, mailed, message: `admin.rename.${outcome}` };
    }
    const { name, status, mailed } = await verifyOrganisation(actor, organisation.id, decision, language);
    return { name, mailed, message: `admin.decision.${status}` };
  });
  if (!result.ok) return result.reply;
  const { name, mailed, message } = result.value;
  throw await redirectWithToast("/admin/organisations", {
    kind: mailed ? "success" : "error",
    message: `${message}${mailed ? "" : "NotMailed"}`,
    values: { name },
  });
}

/** Platform administrators only: to anyone else this page, like an unknown organisation, does not exist. */
async function requireReview(request: Request, organisationId: string | undefined) {
  const actor = await requireActor(request);
  if (!can(actor, "platform.administer", null)) notFound();
  const organisation = (organisationId && (await organisationForReview(organisationId))) || notFound();
  return { actor, organisation };
}
