import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationFields } from "~/components/consultations/consultation-fields";
import { ErrorList, ValidatedForm, useSchemaForm } from "~/components/ui/form";
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

/** A convener drafts a new consultation; its questions come next. */
export default function NewConsultationPage() {
  const { spaceId, candidates, feedbackDays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(consultationSchema, {
    id: "new-consultation",
    lastResult,
    defaultValue: { languages: ["en"], audience: "participants" },
  });
  return (
    <section aria-labelledby="new-consultation-heading" className="stack narrow">
      <h2 id="new-consultation-heading">{t("consultations.builder.new.title")}</h2>
      <p className="lead">{t("consultations.builder.new.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <ConsultationFields fields={fields} candidates={candidates} feedbackDays={feedbackDays} />
        <p className="actions">
          <button type="submit" className="button">
            {t("consultations.builder.new.submit")}
          </button>
          <Link to={`/spaces/${spaceId}/consultations`} className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </section>
  );
}
