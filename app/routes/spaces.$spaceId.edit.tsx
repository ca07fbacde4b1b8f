import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ThemesField } from "~/components/spaces/themes-field";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import { noParent, updateSpaceSchema } from "~/modules/spaces/schema";
import type { loader, action } from "./spaces.$spaceId.edit.server";

export { loader, action } from "./spaces.$spaceId.edit.server";

export default function EditSpacePage() {
  const { details, candidates, hiddenParentId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(updateSpaceSchema, {
    id: "edit-space",
    lastResult,
    defaultValue: details,
  });
  const parentOptions = [
    { value: noParent, label: t("spaces.fields.noParent") },
    ...(hiddenParentId ? [{ value: hiddenParentId, label: t("spaces.fields.hiddenParent") }] : []),
    ...candidates.map((candidate) => ({ value: candidate.id, label: candidate.title })),
  ];
  return (
    <div className="narrow">
      <h2>{t("spaces.edit.title")}</h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("spaces.fields.title")} />
        <TextAreaField
          field={fields.mandate}
          label={t("spaces.fields.mandate")}
          help={t("spaces.help.mandate")}
          rows={8}
        />
        <ThemesField field={fields.themes} />
        <SelectField
          field={fields.parentId}
          label={t("spaces.fields.parentId")}
          help={t("spaces.help.parentId")}
          options={parentOptions}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.edit.submit")}
          </button>
          <Link to=".." relative="path" className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}
