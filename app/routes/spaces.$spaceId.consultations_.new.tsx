import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationFields } from "~/components/consultations/consultation-fields";
import { ErrorList, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { consultationSchema } from "~/modules/consultations/schema";
import type { loader, action } from "./spaces.$spaceId.consultations_.new.server";

export { loader, action } from "./spaces.$spaceId.consultations_.new.server";

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
