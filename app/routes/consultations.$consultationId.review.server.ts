import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import {
  readConsultationPost,
  requireConsultation,
  type ConsultationPost,
} from "~/modules/consultations/access.server";
import { mayPublish } from "~/modules/consultations/lifecycle";
import { publishFeedback } from "~/modules/consultations/publish-feedback.server";
import { redactInput } from "~/modules/consultations/redact-input.server";
import { respondToInputs } from "~/modules/consultations/respond-to-inputs.server";
import { inputsForReview, responseCoverage } from "~/modules/consultations/review-queries.server";
import {
  publishSchema,
  redactSchema,
  respondSchema,
  reviewFilterSchema,
  tagInputSchema,
} from "~/modules/consultations/review-schema";
import { tagInput } from "~/modules/consultations/tag-input.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { notFound, RefusalError } from "~/utils/errors";
import { attempt } from "~/utils/forms.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The conveners' review, once the consultation is closed (and still readable once published). */
async function requireReview(
  actor: Actor,
  consultationId: string,
  action: "consultation.review" | "consultation.publish-feedback" = "consultation.review",
) {
  const consultation = await requireConsultation(actor, consultationId, action);
  if (consultation.status !== "closed" && consultation.status !== "published") notFound();
  return consultation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultationId = params.consultationId ?? "";
  const actor = await requireActor(request);
  const consultation = await requireReview(actor, consultationId);
  const url = new URL(request.url);
  const filter = reviewFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [list, coverage] = await Promise.all([
    inputsForReview(consultationId, filter, url),
    responseCoverage(consultationId),
  ]);
  return listPageData(
    {
      consultationId,
      status: consultation.status,
      editable: consultation.status === "closed",
      filter,
      coverage,
      mayPublish: mayPublish(consultation, coverage.inputs, coverage.answered),
      mayPublishFeedback: can(actor, "consultation.publish-feedback", consultation),
      links: list.links,
      inputs: list.inputs,
    },
    list.links,
  );
}

/** Tags, responses and the publication: one small function each, after the form is read. */
export async function action({ request, params }: ActionFunctionArgs) {
  const post = await readConsultationPost(request, params.consultationId);
  switch (post.formData.get("intent")) {
    case "tag":
      return tag(post);
    case "respond":
      return respond(post);
    case "publish":
      return publish(post);
    case "redact":
      return redactFinding(post);
    default:
      // Someone who may not review it learns nothing, not even that the post was malformed.
      await requireReview(post.actor, post.consultationId);
      throw new RefusalError(400);
  }
}

/** Back to the same page of the list after a tag or a response. */
const samePage = (request: Request) => {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
};

/** The consultation under review, when the actor may take `action` on it, and the convener they act for. */
async function reviewing(
  { request, actor, consultationId }: ConsultationPost,
  action?: "consultation.publish-feedback",
) {
  const consultation = await requireReview(actor, consultationId, action);
  return { consultation, organisationId: await currentOrganisationId(request, actor) };
}

async function tag(post: ConsultationPost) {
  const formId = `tag-${String(post.formData.get("submissionId"))}`;
  const submission = parseWithZod(post.formData, { schema: tagInputSchema });
  const { consultation, organisationId } = await reviewing(post);
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await attempt(submission, () =>
    tagInput(post.actor, consultation, submission.value, organisationId),
  );
  if (!result.ok) return { formId, result: result.reply };
  return redirectWithToast(samePage(post.request), {
    kind: "success",
    message: "consultations.review.tagged",
  });
}

async function respond(post: ConsultationPost) {
  const formId = "respond";
  const submission = parseWithZod(post.formData, { schema: respondSchema });
  const { consultation, organisationId } = await reviewing(post);
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await attempt(submission, () =>
    respondToInputs(post.actor, consultation, submission.value, organisationId),
  );
  if (!result.ok) return { formId, result: result.reply };
  return redirectWithToast(samePage(post.request), {
    kind: "success",
    message: "consultations.review.responded",
  });
}

/** Publishing acts only once confirmed on the report's preview; a post without the confirmation shows it. */
async function publish(post: ConsultationPost) {
  const formId = "publish";
  const submission = parseWithZod(post.formData, { schema: publishSchema });
  const { consultation, organisationId } = await reviewing(post, "consultation.publish-feedback");
  if (post.formData.get("confirmed") !== "yes")
    throw redirect(`/consultations/${post.consultationId}/report`);
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const result = await attempt(submission, () => publishFeedback(post.actor, consultation, organisationId));
  if (!result.ok) return { formId, result: result.reply };
  return redirectWithToast(`/consultations/${post.consultationId}/report`, {
    kind: "success",
    message: "consultations.review.publishedToast",
  });
}

/** A finding of personal data replaced with "[removed]" from the report's preview, back to the preview. */
async function redactFinding(post: ConsultationPost) {
  const submission = parseWithZod(post.formData, { schema: redactSchema });
  const { consultation, organisationId } = await reviewing(post, "consultation.publish-feedback");
  const report = `/consultations/${post.consultationId}/report`;
  if (submission.status !== "success") throw new RefusalError(400);
  const result = await attempt(submission, () =>
    redactInput(post.actor, consultation, submission.value, organisationId),
  );
  if (!result.ok)
    return redirectWithToast(report, { kind: "error", message: "consultations.personalData.report.gone" });
  return redirectWithToast(report, { kind: "success", message: "consultations.personalData.report.redacted" });
}
