import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpaceToConsult } from "~/modules/consultations/access.server";
import { createConsultation } from "~/modules/consultations/create-consultation.server";
import { audienceCandidates, promisedFeedbackDays } from "~/modules/consultations/queries.server";
import { consultationSchema } from "~/modules/consultations/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, readForm } from "~/utils/forms.server";
import { submitOnce } from "~/utils/form-token.server";
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
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: consultationSchema });
  if (submission.status !== "success") return submission.reply();
  const organisationId = await currentOrganisationId(request, actor);
  const once = await submitOnce(
    actor,
    formData,
    (created: { id: string }) => `/consultations/${created.id}/questions`,
    () => attempt(submission, () => createConsultation(actor, space, submission.value, organisationId)),
  );
  const created = (to: string) =>
    redirectWithToast(to, {
      kind: "success",
      message: "consultations.builder.new.created",
      values: { title: submission.value.title },
    });
  if (once.replay !== null) return created(once.replay);
  if (!once.value.ok) return once.value.reply;
  return created(`/consultations/${once.value.value.id}/questions`);
}
