import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/modules/authorization/can";
import {
  readConsultation,
  readConsultationPost,
  requireConsultation,
  type ConsultationPost,
} from "~/modules/consultations/access.server";
import { closeConsultation } from "~/modules/consultations/close-consultation.server";
import { closingConsequences, openingConsequences } from "~/modules/consultations/consequences.server";
import { openConsultation } from "~/modules/consultations/open-consultation.server";
import {
  audienceCandidates,
  consultationOverview,
  promisedFeedbackDays,
} from "~/modules/consultations/queries.server";
import { backgroundLinks, consultationSchema, dayValue } from "~/modules/consultations/schema";
import { updateConsultation } from "~/modules/consultations/update-consultation.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, attemptWithToast } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, resource } = await readConsultation(request, params.consultationId ?? "");
  const mayManage = can(actor, "consultation.build", resource);
  const consultation = await consultationOverview(actor, resource);
  const editing = mayManage && consultation.status === "draft";
  // Conveners get the edit form's lists; a refused edit (opened meanwhile) shows the form again with what was typed.
  const [candidates, feedbackDays] = mayManage
    ? await Promise.all([
        audienceCandidates(consultation.spaceId),
        promisedFeedbackDays(consultation.spaceId),
      ])
    : [[], 0];
  const mayOpen = can(actor, "consultation.open", resource);
  return {
    consultation: {
      ...consultation,
      languages: consultation.languages.split(",").filter(Boolean),
      backgroundLinks: backgroundLinks(consultation.background),
      opensAt: dayValue(consultation.opensAt),
      closesAt: dayValue(consultation.closesAt),
      feedbackDueAt: dayValue(consultation.feedbackDueAt),
    },
    mayManage,
    mayOpen,
    confirming: mayOpen ? await lifecycleConsequences(consultation, new URL(request.url)) : null,
    editing,
    candidates,
    feedbackDays,
  };
}

/**
 * What the move a convener asked to confirm (`?confirm=open` or `?confirm=close`) will do, when it can be made
 * from the consultation's status; null otherwise.
 */
function lifecycleConsequences(
  consultation: { id: string; spaceId: string; audience: string; status: string; closesAt: Date },
  url: URL,
) {
  const asked = url.searchParams.get("confirm");
  if (asked === "open" && consultation.status === "draft") return openingConsequences(consultation);
  if (asked === "close" && consultation.status === "open") return closingConsequences(consultation);
  return null;
}

/** Opening, closing and editing the consultation, one function each. */
export async function action({ request, params }: ActionFunctionArgs) {
  const post = await readConsultationPost(request, params.consultationId);
  const intent = post.formData.get("intent");
  if (intent === "open" || intent === "close") return moveLifecycle(post, intent);
  return update(post);
}

const overview = (consultationId: string) => `/consultations/${consultationId}`;

/** Opening and closing act only once confirmed; a post without the confirmation asks for it first. */
async function moveLifecycle(
  { request, actor, consultationId, formData }: ConsultationPost,
  intent: "open" | "close",
) {
  const consultation = await requireConsultation(actor, consultationId, "consultation.open");
  if (formData.get("confirmed") !== "yes")
    throw redirect(
      `${overview(consultationId)}?${new URLSearchParams({ confirm: intent })}#lifecycle-heading`,
    );
  const organisationId = await currentOrganisationId(request, actor);
  return attemptWithToast(
    overview(consultationId),
    intent === "open" ? "consultations.builder.overview.opened" : "consultations.builder.overview.closed",
    () =>
      intent === "open"
        ? openConsultation(actor, consultation, organisationId)
        : closeConsultation(actor, consultation, organisationId),
  );
}

async function update({ request, actor, consultationId, formData }: ConsultationPost) {
  const submission = parseWithZod(formData, { schema: consultationSchema });
  const consultation = await requireConsultation(actor, consultationId, "consultation.build");
  if (submission.status !== "success") return submission.reply();
  const organisationId = await currentOrganisationId(request, actor);
  const result = await attempt(submission, () =>
    updateConsultation(actor, consultation, submission.value, organisationId),
  );
  if (!result.ok) return result.reply;
  return redirectWithToast(overview(consultationId), {
    kind: "success",
    message: "consultations.builder.overview.saved",
  });
}
