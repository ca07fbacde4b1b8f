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
import { goalSchema, integrationDomains } from "~/modules/action-plans/schema";
import type { action, loader } from "./spaces.$spaceId.plan_.goals.$goalId.server";

export { action, loader } from "./spaces.$spaceId.plan_.goals.$goalId.server";

/** Add a goal to the plan, or edit one: its integration domain, optional SDG target, title and description. */
export default function GoalPage() {
  const { t } = useTranslation();
  const { spaceId, isNew, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(goalSchema, { id: "goal", lastResult, defaultValue });
  return (
    <section aria-labelledby="goal-heading" className="stack narrow">
      <h2 id="goal-heading">{t(isNew ? "plans.goal.titleNew" : "plans.goal.titleEdit")}</h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("plans.fields.goalTitle")} />
        <SelectField
          field={fields.domain}
          label={t("plans.fields.domain")}
          help={t("plans.fields.domainHelp")}
          options={integrationDomains.map((domain) => ({
            value: domain,
            label: t(`plans.domains.${domain}`),
          }))}
        />
        <TextField
          field={fields.sdgTarget}
          label={t("plans.fields.sdgTarget")}
          help={t("plans.fields.sdgHelp")}
        />
        <TextAreaField field={fields.description} label={t("plans.fields.description")} rows={4} />
        <p className="actions">
          <button type="submit" className="button">
            {t(isNew ? "plans.goal.submitNew" : "plans.goal.submitEdit")}
          </button>
          <Link to={`/spaces/${spaceId}/plan`} className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </section>
  );
}
