import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/ui/chart";
import type { responseRate } from "~/modules/consultations/consequences.server";
import type { LiveCounts } from "~/modules/consultations/results.server";

type ResponseRate = Awaited<ReturnType<typeof responseRate>>;

/**
 * What the conveners watch while the consultation is open: inputs submitted, by organisation type, drafts, and
 * how many of the organisations it is put to have answered, naming those that have not yet.
 */
export function ResultsCounts({ counts, rate }: { counts: LiveCounts; rate: ResponseRate }) {
  const { t } = useTranslation();
  const r = "consultations.results.counts.rate";
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
      <div className="stack">
        <p id="response-rate-label">
          {t(`${r}.answered`, { count: rate.eligible, responded: rate.responded })}
        </p>
        <progress
          aria-labelledby="response-rate-label"
          max={Math.max(rate.eligible, 1)}
          value={rate.responded}
        />
        {rate.notYet.length > 0 ? (
          <details className="disclosure">
            <summary>{t(`${r}.notYet`, { count: rate.eligible - rate.responded })}</summary>
            <ul>
              {rate.notYet.map((organisation) => (
                <li key={organisation.id} dir="auto">
                  {organisation.name}
                </li>
              ))}
            </ul>
            {rate.moreNotYet > 0 ? <p>{t(`${r}.more`, { count: rate.moreNotYet })}</p> : null}
          </details>
        ) : null}
      </div>
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
