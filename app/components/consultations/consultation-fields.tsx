import { getCollectionProps, useField, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, TextAreaField, TextField } from "~/components/ui/form";
import { consultationAudiences, consultationLanguages } from "~/modules/consultations/schema";

type Fields = {
  [
    K in
      | "title"
      | "purpose"
      | "openToChange"
      | "notOpenToChange"
      | "decision"
      | "decisionMaker"
      | "background"
      | "audience"
      | "opensAt"
      | "closesAt"
      | "feedbackDueAt"
  ]: FieldMetadata<string | undefined>;
} & { languages: FieldMetadata<string[] | undefined>; organisationIds: FieldMetadata<string[] | undefined> };

/** A group of checkboxes with its legend, help and errors (subscribed like the ui/form fields). */
function CheckboxGroup({
  field: passed,
  legend,
  help,
  options,
}: {
  field: FieldMetadata<string[] | undefined>;
  legend: string;
  help: string;
  options: { value: string; label: string }[];
}) {
  const [field] = useField<string[] | undefined>(passed.name, { formId: passed.formId });
  const helpId = `${field.id}-help`;
  const labels = new Map(options.map((option) => [option.value, option.label]));
  return (
    <fieldset
      className="fieldset"
      aria-describedby={field.errors?.length ? `${helpId} ${field.errorId}` : helpId}
    >
      <legend>{legend}</legend>
      <p id={helpId} className="field__help">
        {help}
      </p>
      <div className="theme-choices__options">
        {getCollectionProps(field, {
          type: "checkbox",
          options: options.map((option) => option.value),
        }).map(({ key, ...props }) => (
          <label key={key ?? props.value}>
            <input {...props} /> {labels.get(props.value)}
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** The fields of a consultation, as a convener creates and edits it. */
export function ConsultationFields({
  fields,
  candidates,
  feedbackDays,
}: {
  fields: Fields;
  candidates: { id: string; name: string }[];
  feedbackDays: number;
}) {
  const { t } = useTranslation();
  const f = "consultations.builder.fields";
  const h = "consultations.builder.help";
  return (
    <>
      <TextField field={fields.title} label={t(`${f}.title`)} />
      <TextAreaField field={fields.purpose} label={t(`${f}.purpose`)} help={t(`${h}.purpose`)} rows={6} />
      <TextAreaField field={fields.openToChange} label={t(`${f}.openToChange`)} rows={4} />
      <TextAreaField field={fields.notOpenToChange} label={t(`${f}.notOpenToChange`)} rows={4} />
      <TextAreaField field={fields.decision} label={t(`${f}.decision`)} help={t(`${h}.decision`)} rows={3} />
      <TextField field={fields.decisionMaker} label={t(`${f}.decisionMaker`)} />
      <TextAreaField
        field={fields.background}
        label={t(`${f}.background`)}
        help={t(`${h}.background`)}
        rows={4}
      />
      <TextField field={fields.opensAt} type="date" label={t(`${f}.opensAt`)} help={t(`${h}.opensAt`)} />
      <TextField field={fields.closesAt} type="date" label={t(`${f}.closesAt`)} help={t(`${h}.closesAt`)} />
      <TextField
        field={fields.feedbackDueAt}
        type="date"
        label={t(`${f}.feedbackDueAt`)}
        help={t(`${h}.feedbackDueAt`, { count: feedbackDays })}
      />
      <CheckboxGroup
        field={fields.languages}
        legend={t(`${f}.languages`)}
        help={t(`${h}.languages`)}
        options={consultationLanguages.map((language) => ({
          value: language,
          label: t(`consultations.common.languages.${language}`),
        }))}
      />
      <SelectField
        field={fields.audience}
        label={t(`${f}.audience`)}
        help={t(`${h}.audience`)}
        options={consultationAudiences.map((audience) => ({
          value: audience,
          label: t(`consultations.common.audiences.${audience}`),
        }))}
      />
      <CheckboxGroup
        field={fields.organisationIds}
        legend={t(`${f}.organisationIds`)}
        help={t(candidates.length > 0 ? `${h}.organisationIds` : `${h}.noCandidates`)}
        options={candidates.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
      />
    </>
  );
}
