import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui/chart";
import type { loader } from "~/routes/spaces.$spaceId.plan.server";

/** The plans of the spaces under this one, rolled up by integration domain (aggregates only). */
export function ChildPlans() {
  const { t } = useTranslation();
  const { children } = useLoaderData<typeof loader>();
  if (children.plans === 0) return null;
  return (
    <section aria-labelledby="child-plans-heading" className="stack">
      <h3 id="child-plans-heading">{t("plans.children.title")}</h3>
      <p>{t("plans.children.lead", { count: children.plans })}</p>
      <DataTable
        caption={t("plans.children.caption")}
        columns={[
          t("plans.fields.domain"),
          t("plans.children.goals"),
          t("plans.children.actions"),
          t("plans.children.progress"),
        ]}
        rows={children.domains.map((row) => [
          t(`plans.domains.${row.domain}`),
          String(row.goals),
          String(row.actions),
          row.progress === null ? t("plans.progress.none") : `${row.progress}%`,
        ])}
      />
    </section>
  );
}
