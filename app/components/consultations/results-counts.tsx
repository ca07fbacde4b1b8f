import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui/chart";
import type { LiveCounts } from "~/modules/consultations/results.server";

/** What the conveners watch while the consultation is open: inputs submitted, by organisation type, drafts. */
export function ResultsCounts({ counts }: { counts: LiveCounts }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="results-counts-heading" className="stack">
      <h3 id="results-counts-heading">{t("consultations.results.counts.title")}</h3>
      <p className="results-total" aria-live="polite">
        {t("consultations.results.counts.submitted", { count: counts.submitted })}{" "}
        {counts.aggregated > 0
          ? t("consultations.results.counts.aggregated", { count: counts.aggregated })
          : null}{" "}
        {counts.drafts > 0 ? t("consultations.results.counts.drafts", { count: counts.drafts }) : null}
      </p>
      {counts.byType.length > 0 ? (
        <DataTable
          caption={t("consultations.results.counts.byType")}
          columns={[t("consultations.results.counts.type"), t("consultations.results.counts.inputs")]}
          rows={counts.byType.map((row) => [t(`organisations.types.${row.type}`), String(row.count)])}
        />
      ) : null}
    </section>
  );
}
