import { getCollectionProps, useField, type FieldMetadata } from "@conform-to/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import { actionSchema, partnerDelegateField } from "~/modules/action-plans/schema";
import type { action, loader } from "~/routes/spaces.$spaceId.plan_.actions.$actionId_.edit.server";

type Holder = { id: string; name: string; people: { id: string; name: string }[] };

/** A select of people grouped by organisation (a responsible delegate must be one of its organisation's). */
function DelegateSelect({
  id,
  name,
  label,
  holders,
  defaultValue,
  field,
}: {
  id: string;
  name: string;
  label: string;
  holders: Holder[];
  defaultValue: string;
  field?: FieldMetadata<string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={field?.errors?.length ? true : undefined}
        aria-describedby={field?.errors?.length ? field.errorId : undefined}
      >
        <option value="">{t("plans.fields.noDelegate")}</option>
        {holders.map((holder) => (
          <optgroup key={holder.id} label={holder.name}>
            {holder.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {field ? <ErrorList id={field.errorId} errors={field.errors} /> : null}
    </div>
  );
}

/** The partner organisations, each with its responsible delegate. */
function Partners({
  field: passed,
  holders,
  values,
}: {
  field: FieldMetadata<string[] | undefined>;
  holders: Holder[];
  values: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const [field] = useField<string[] | undefined>(passed.name, { formId: passed.formId });
  const boxes = getCollectionProps(field, { type: "checkbox", options: holders.map((holder) => holder.id) });
  return (
    <fieldset className="fieldset" aria-describedby={`${field.id}-help`}>
      <legend>{t("plans.fields.partners")}</legend>
      <p id={`${field.id}-help`} className="field__help">
        {t("plans.fields.partnersHelp")}
      </p>
      <ErrorList id={field.errorId} errors={field.errors} />
      {boxes.map(({ key, ...props }, index) => {
        const holder = holders[index]!;
        const delegateName = partnerDelegateField(holder.id);
        return (
          <div key={key ?? holder.id} className="plan-partner">
            <label>
              <input {...props} /> <span dir="auto">{holder.name}</span>
            </label>
            <DelegateSelect
              id={`${field.formId}-${delegateName}`}
              name={delegateName}
              label={t("plans.fields.partnerDelegate", { organisation: holder.name })}
              holders={[holder]}
              defaultValue={typeof values[delegateName] === "string" ? (values[delegateName] as string) : ""}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** The add/edit action form: goal, parent action, title, problem, owners, delegates and dates. */
export function ActionFormPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(actionSchema, {
    id: "plan-action",
    lastResult,
    defaultValue: data.defaultValue,
  });
  // What the form was last sent with (after a refusal), else what is stored: the delegates keep their choice.
  const values: Record<string, unknown> = {
    ...data.defaultValue,
    ...((form.initialValue as Record<string, unknown> | undefined) ?? {}),
  };
  const isNew = data.actionId === null;
  return (
    <section aria-labelledby="action-form-heading" className="stack narrow">
      <h2 id="action-form-heading">
        {t(isNew ? "plans.actionForm.titleNew" : "plans.actionForm.titleEdit")}
      </h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.goalId}
          label={t("plans.fields.goal")}
          options={data.goals.map((goal) => ({ value: goal.id, label: goal.title }))}
        />
        <div className="field">
          <label htmlFor={fields.parentId.id}>{t("plans.fields.parent")}</label>
          <p id={`${fields.parentId.id}-help`} className="field__help">
            {t("plans.fields.parentHelp")}
          </p>
          <select
            id={fields.parentId.id}
            name={fields.parentId.name}
            defaultValue={typeof values.parentId === "string" ? values.parentId : ""}
            aria-describedby={`${fields.parentId.id}-help${fields.parentId.errors?.length ? ` ${fields.parentId.errorId}` : ""}`}
            aria-invalid={fields.parentId.errors?.length ? true : undefined}
          >
            <option value="">{t("plans.fields.noParent")}</option>
            {data.goals.map((goal) => (
              <optgroup key={goal.id} label={goal.title}>
                {data.parents
                  .filter((candidate) => candidate.goalId === goal.id)
                  .map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {candidate.title}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <ErrorList id={fields.parentId.errorId} errors={fields.parentId.errors} />
        </div>
        <TextField field={fields.title} label={t("plans.fields.actionTitle")} />
        <TextAreaField field={fields.problem} label={t("plans.fields.problem")} rows={4} />
        <SelectField
          field={fields.leadOrganisationId}
          label={t("plans.fields.lead")}
          help={t("plans.fields.leadHelp")}
          options={data.holders.map((holder) => ({ value: holder.id, label: holder.name }))}
        />
        <DelegateSelect
          id={fields.leadDelegateId.id}
          name={fields.leadDelegateId.name}
          label={t("plans.fields.leadDelegate")}
          holders={data.holders}
          defaultValue={typeof values.leadDelegateId === "string" ? values.leadDelegateId : ""}
          field={fields.leadDelegateId}
        />
        <Partners field={fields.partnerOrganisationIds} holders={data.holders} values={values} />
        <TextField field={fields.startDate} type="date" label={t("plans.fields.startDate")} />
        <TextField field={fields.dueDate} type="date" label={t("plans.fields.dueDate")} />
        <p className="actions">
          <button type="submit" className="button">
            {t(isNew ? "plans.actionForm.submitNew" : "plans.actionForm.submitEdit")}
          </button>
          <Link
            to={`/spaces/${data.spaceId}/plan${data.actionId ? `/actions/${data.actionId}` : ""}`}
            className="button button--quiet"
          >
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </section>
  );
}
