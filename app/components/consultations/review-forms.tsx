import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { publishSchema, respondSchema, responseOutcomes } from "~/modules/consultations/review-schema";

/** How many of the submitted inputs have a response. */
export function Coverage({ answered, inputs }: { answered: number; inputs: number }) {
  const { t } = useTranslation();
  return (
    <div className="coverage">
      <p id="coverage-label">{t("consultations.review.coverage", { count: inputs, answered })}</p>
      <progress aria-labelledby="coverage-label" max={Math.max(inputs, 1)} value={answered} />
    </div>
  );
}

/** The form of one response to the inputs checked in the list (the checkboxes belong to this form). */
export function RespondForm({ form, fields }: ReturnType<typeof useRespondForm>) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="respond-heading" className="card stack">
      <h2 id="respond-heading">{t("consultations.review.respond.title")}</h2>
      <p>{t("consultations.review.respond.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="respond" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <ErrorList id={fields.submissionIds.errorId} errors={fields.submissionIds.errors} />
        <SelectField
          field={fields.outcome}
          label={t("consultations.review.respond.outcome")}
          options={responseOutcomes.map((outcome) => ({
            value: outcome,
            label: t(`consultations.review.outcomes.${outcome}`),
          }))}
        />
        <TextAreaField
          field={fields.explanation}
          label={t("consultations.review.respond.explanation")}
          help={t("consultations.review.respond.explanationHelp")}
          rows={5}
        />
        <TextAreaField
          field={fields.changeMade}
          label={t("consultations.review.respond.changeMade")}
          help={t("consultations.review.respond.changeMadeHelp")}
          rows={3}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("consultations.review.respond.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}

/** The response form's state, shared with the list whose checkboxes choose the inputs it answers. */
export function useRespondForm(lastResult: SubmissionResult<string[]> | undefined) {
  const [form, fields] = useSchemaForm(respondSchema, { id: "respond", lastResult });
  return { form, fields };
}

/** Publishing the feedback report, possible once every input has a response. */
export function PublishForm({
  ready,
  inputs,
  unanswered,
  lastResult,
}: {
  ready: boolean;
  inputs: number;
  unanswered: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form] = useSchemaForm(publishSchema, { id: "publish", lastResult });
  return (
    <section aria-labelledby="publish-heading" className="card stack">
      <h2 id="publish-heading">{t("consultations.review.publish.title")}</h2>
      <p id="publish-help">
        {ready
          ? t("consultations.review.publish.ready", { count: inputs })
          : t("consultations.review.publish.blocked", { count: unanswered })}
      </p>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="publish" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <p className="actions">
          <button type="submit" className="button" disabled={!ready} aria-describedby="publish-help">
            {t("consultations.review.publish.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}
