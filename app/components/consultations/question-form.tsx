import { getInputProps, useField, type FieldMetadata } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { kindOf, questionSchema, type QuestionKind } from "~/modules/consultations/kinds";

function RequiredField({
  field: passed,
  label,
}: {
  field: FieldMetadata<boolean | undefined>;
  label: string;
}) {
  const [field] = useField<boolean | undefined>(passed.name, { formId: passed.formId });
  const { key, ...props } = getInputProps(field, { type: "checkbox" });
  return (
    <div className="field">
      <label>
        <input key={key} {...props} /> {label}
      </label>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * The builder's form for one question of a kind, add a new one or edit one (`questionId`): the fields every
 * kind has, then the kind's own (kinds/).
 */
export function QuestionForm({
  kind,
  formId,
  questionId,
  defaultValue,
  lastResult,
  cancelTo,
}: {
  kind: QuestionKind;
  formId: string;
  questionId?: string;
  defaultValue?: Record<string, string>;
  lastResult?: SubmissionResult<string[]>;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const { builder } = kindOf(kind);
  const [form, fields] = useSchemaForm(questionSchema, {
    id: formId,
    lastResult,
    defaultValue: defaultValue ?? builder.defaults ?? {},
  });
  const { Fields } = builder;
  const f = "consultations.builder.questions.fields";
  const h = "consultations.builder.questions.help";
  return (
    <ValidatedForm form={form} className="stack">
      <input type="hidden" name="intent" value={questionId ? "update" : "add"} />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      <input type="hidden" name="kind" value={kind} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextField field={fields.prompt} label={t(`${f}.prompt`)} />
      <TextAreaField field={fields.help} label={t(`${f}.help`)} help={t(`${h}.help`)} rows={2} />
      <RequiredField field={fields.required} label={t(`${f}.required`)} />
      <Fields formId={formId} />
      <p className="actions">
        <button type="submit" className="button">
          {t(questionId ? "consultations.builder.questions.save" : "consultations.builder.questions.add")}
        </button>
        <Link to={cancelTo} className="button button--quiet">
          {t("common.cancel")}
        </Link>
      </p>
    </ValidatedForm>
  );
}
