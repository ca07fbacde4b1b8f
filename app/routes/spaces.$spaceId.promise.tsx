import { type FieldMetadata } from "@conform-to/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, TextField, useSchemaForm, ValidatedForm } from "~/components/ui/form";
import { levels, type Level } from "~/modules/engagement/levels";
import { promisesSchema, type PromiseInput } from "~/modules/spaces/schema";
import type { loader, action } from "./spaces.$spaceId.promise.server";

export { loader, action } from "./spaces.$spaceId.promise.server";

/** The promise of all five levels, edited in one form. */
export default function SpacePromisePage() {
  const { promises } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(promisesSchema, {
    id: "space-promises",
    lastResult,
    defaultValue: promises,
  });
  return (
    <div className="stack">
      <h2>{t("spaces.promise.title")}</h2>
      <p className="lead">{t("spaces.promise.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        {levels.map((level) => (
          <LevelPromise key={level} level={level} field={fields[level]} />
        ))}
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.promise.submit")}
          </button>
          <Link to=".." relative="path" className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}

function LevelPromise({ level, field }: { level: Level; field: FieldMetadata<PromiseInput> }) {
  const { t } = useTranslation();
  const promise = field.getFieldset();
  return (
    <fieldset className="fieldset card stack narrow">
      <legend>{t(`spaces.levels.${level}.name`)}</legend>
      <p className="field__help">{t(`spaces.levels.${level}.definition`)}</p>
      <TextAreaField field={promise.expectation} label={t("spaces.promise.expectation")} rows={4} />
      <TextField field={promise.decisionMaker} label={t("spaces.promise.decisionMaker")} />
      <TextField
        field={promise.feedbackDays as FieldMetadata<string | undefined>}
        label={t("spaces.promise.feedbackDays")}
        help={t("spaces.promise.feedbackDaysHelp")}
      />
    </fieldset>
  );
}
