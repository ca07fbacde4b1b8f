import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import { actionStatuses, reportSchema, reviewReportSchema } from "~/modules/action-plans/schema";
import type { action } from "~/routes/spaces.$spaceId.plan_.actions.$actionId.server";

function useReply(formId: string) {
  const reply = useActionData<typeof action>();
  return reply && "formId" in reply && reply.formId === formId ? reply.result : undefined;
}

/** A progress report on the action, for the organisation named. */
export function ReportForm({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(reportSchema, { id: "report", lastResult: useReply("report") });
  return (
    <section aria-labelledby="report-form-heading" className="card stack">
      <h3 id="report-form-heading">{t("plans.reports.formTitle")}</h3>
      <p>{t("plans.reports.formLead", { organisation })}</p>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="report" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.periodFrom} type="date" label={t("plans.fields.reportFrom")} />
        <TextField field={fields.periodTo} type="date" label={t("plans.fields.reportTo")} />
        <TextAreaField field={fields.text} label={t("plans.fields.reportText")} rows={5} />
        <TextField
          field={fields.percent as never}
          label={t("plans.fields.percent")}
          help={t("plans.fields.percentHelp")}
        />
        <TextField field={fields.milestone} label={t("plans.fields.milestone")} />
        <TextField field={fields.evidenceUrl} type="url" label={t("plans.fields.evidenceUrl")} />
        <SelectField
          field={fields.proposedStatus}
          label={t("plans.fields.proposedStatus")}
          options={actionStatuses.map((status) => ({
            value: status,
            label: t(`plans.actionStatuses.${status}`),
          }))}
        />
        <TextAreaField
          field={fields.statusReason}
          label={t("plans.fields.statusReason")}
          help={t("plans.fields.statusReasonHelp")}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("plans.reports.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}

/** Approve a proposed report, or return it with a comment. */
export function ReviewForm({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const formId = `review-${reportId}`;
  const [form, fields] = useSchemaForm(reviewReportSchema, { id: formId, lastResult: useReply(formId) });
  return (
    <ValidatedForm form={form} className="stack" aria-label={t("plans.reports.reviewTitle")}>
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="reportId" value={reportId} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextAreaField field={fields.comment} label={t("plans.fields.reviewComment")} />
      <p className="actions">
        <button type="submit" name="decision" value="approve" className="button">
          {t("plans.reports.approve")}
        </button>
        <button type="submit" name="decision" value="return" className="button button--quiet">
          {t("plans.reports.return")}
        </button>
      </p>
    </ValidatedForm>
  );
}
