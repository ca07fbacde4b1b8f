import type { MetaFunction } from "@remix-run/node";
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
import { createSpaceSchema, governanceLevels, noParent, spaceKinds } from "~/modules/spaces/schema";
import type { loader, action } from "./spaces.new.server";

export { loader, action } from "./spaces.new.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export default function NewSpacePage() {
  const { organisationName, candidates } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(createSpaceSchema, {
    id: "new-space",
    lastResult,
    defaultValue: { parentId: noParent },
  });
  return (
    <div className="narrow">
      <h1>{t("spaces.new.title")}</h1>
      <p className="lead">{t("spaces.new.lead", { organisation: organisationName })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.kind}
          label={t("spaces.fields.kind")}
          options={spaceKinds.map((kind) => ({ value: kind, label: t(`spaces.kinds.${kind}`) }))}
        />
        <SelectField
          field={fields.governanceLevel}
          label={t("spaces.fields.governanceLevel")}
          options={governanceLevels.map((level) => ({
            value: level,
            label: t(`organisations.levels.${level}`),
          }))}
        />
        <TextField field={fields.title} label={t("spaces.fields.title")} />
        <TextAreaField
          field={fields.mandate}
          label={t("spaces.fields.mandate")}
          help={t("spaces.help.mandate")}
          rows={8}
        />
        <TextField field={fields.place} label={t("spaces.fields.place")} help={t("spaces.help.place")} />
        <ThemesField field={fields.themes} />
        <SelectField
          field={fields.parentId}
          label={t("spaces.fields.parentId")}
          help={t("spaces.help.parentId")}
          options={[
            { value: noParent, label: t("spaces.fields.noParent") },
            ...candidates.map((candidate) => ({ value: candidate.id, label: candidate.title })),
          ]}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.new.submit")}
          </button>
          <Link to="/spaces" className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}
