import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpaceToConsult } from "~/modules/consultations/access.server";
import { createConsultation } from "~/modules/consultations/create-consultation.server";
import { audienceCandidates, promisedFeedbackDays } from "~/modules/consultations/queries.server";
import { consultationSchema } from "~/modules/consultations/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpaceToConsult(actor, params.spaceId ?? "");
  const [candidates, feedbackDays] = await Promise.all([
    audienceCandidates(space.spaceId),
    promisedFeedbackDays(space.spaceId),
  ]);
  return { spaceId: space.spaceId, candidates, feedbackDays };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpaceToConsult(actor, params.spaceId ?? "");
  const submission = parseWithZod(await readForm(request), { schema: consultationSchema });
  if (submission.status !== "success") return submission.reply();
  const organisationId = await currentOrganisationId(request, actor);
  const result = await attempt(submission, () =>
    createConsultation(actor, space, submission.value, organisationId),
  );
  if (!result.ok) return result.reply;
  return redirectWithToast(`/consultations/${result.value.id}/questions`, {
    kind: "success",
    message: "consultations.builder.new.created",
    values: { title: submission.value.title },
  });
}
