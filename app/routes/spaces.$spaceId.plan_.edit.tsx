import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { planSchema } from "~/modules/action-plans/schema";
import type { action, loader } from "./spaces.$spaceId.plan_.edit.server";

export { action, loader } from "./spaces.$spaceId.plan_.edit.server";

/** Start the space's plan, or edit its title and period. */
export default function EditPlanPage() {
  const { t } = useTranslation();
  const { spaceId, exists, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(planSchema, { id: "plan", lastResult, defaultValue });
  return (
    <section aria-labelledby="edit-plan-heading" className="stack narrow">
      <h2 id="edit-plan-heading">{t(exists ? "plans.edit.titleEdit" : "plans.edit.titleNew")}</h2>
      <p className="lead">{t("plans.edit.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("plans.fields.title")} />
        <TextField field={fields.periodFrom} type="date" label={t("plans.fields.periodFrom")} />
        <TextField field={fields.periodTo} type="date" label={t("plans.fields.periodTo")} />
        <p className="actions">
          <button type="submit" className="button">
            {t("plans.edit.submit")}
          </button>
          <Link to={`/spaces/${spaceId}/plan`} className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </section>
  );
}
