import { useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { levels, type Level } from "~/modules/engagement/levels";
import type { LevelCounts } from "~/modules/engagement/overview.server";
import type { loader } from "./spaces.$spaceId.engagement.server";

export { loader } from "./spaces.$spaceId.engagement.server";

const total = (counts: LevelCounts) => levels.reduce((sum, level) => sum + counts[level], 0);

const levelName = (t: TFunction, level: Level) => t(`spaces.levels.${level}.name`);

/** The engagement overview: organisations per level and type today, and per level over the last months. */
export default function EngagementOverviewPage() {
  const overview = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section aria-labelledby="engagement-now-heading" className="stack">
        <h2 id="engagement-now-heading">{t("engagement.overview.title")}</h2>
        <p>
          {t("engagement.overview.participants", { count: overview.participants })}{" "}
          {t("engagement.overview.conveners", { count: overview.conveners })}
        </p>
        <LevelBars counts={overview.byLevel} />
        <div className="table-scroll">
          <table>
            <caption>{t("engagement.overview.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("engagement.overview.table.level")}</th>
                {overview.types.map((type) => (
                  <th scope="col" key={type}>
                    {t(`organisations.types.${type}`)}
                  </th>
                ))}
                <th scope="col">{t("engagement.overview.table.total")}</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((level) => (
                <tr key={level}>
                  <th scope="row">{levelName(t, level)}</th>
                  {overview.types.map((type) => (
                    <td key={type}>{overview.byType[level][type] ?? 0}</td>
                  ))}
                  <td>{overview.byLevel[level]}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("engagement.overview.table.total")}</th>
                {overview.types.map((type) => (
                  <td key={type}>
                    {levels.reduce((sum, level) => sum + (overview.byType[level][type] ?? 0), 0)}
                  </td>
                ))}
                <td>{overview.participants}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <section aria-labelledby="engagement-history-heading" className="stack">
        <h2 id="engagement-history-heading">{t("engagement.history.title")}</h2>
        <p>{t("engagement.history.intro")}</p>
        <HistorySteps history={overview.history} />
        <div className="table-scroll">
          <table>
            <caption>{t("engagement.history.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("engagement.history.table.month")}</th>
                {levels.map((level) => (
                  <th scope="col" key={level}>
                    {levelName(t, level)}
                  </th>
                ))}
                <th scope="col">{t("engagement.overview.table.total")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.history.map((point) => (
                <tr key={point.month}>
                  <th scope="row">
                    <time dateTime={point.month}>{point.label}</time>
                  </th>
                  {levels.map((level) => (
                    <td key={level}>{point.counts[level]}</td>
                  ))}
                  <td>{total(point.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

const barRow = 32;

const labelWidth = 150;

const barSpace = 280;

/** A horizontal bar per level. The drawing stays left-to-right in every language; the table carries the data. */
function LevelBars({ counts }: { counts: LevelCounts }) {
  const { t } = useTranslation();
  const largest = Math.max(1, ...levels.map((level) => counts[level]));
  const summary = levels.map((level) => `${levelName(t, level)}: ${counts[level]}`).join(", ");
  const height = levels.length * barRow;
  return (
    <figure className="engagement-figure">
      <svg
        role="img"
        aria-label={t("engagement.overview.chart.label", { summary })}
        viewBox={`0 0 ${labelWidth + barSpace + 50} ${height}`}
        className="engagement-chart"
        direction="ltr"
      >
        {levels.map((level, index) => {
          const width = (counts[level] / largest) * barSpace;
          const y = index * barRow;
          return (
            <g key={level}>
              <text x={labelWidth - 8} y={y + barRow / 2} textAnchor="end" dominantBaseline="middle">
                {levelName(t, level)}
              </text>
              <rect
                x={labelWidth}
                y={y + 6}
                width={width}
                height={barRow - 12}
                className={`engagement-bar engagement-bar--${level}`}
              />
              <text x={labelWidth + width + 6} y={y + barRow / 2} dominantBaseline="middle">
                {counts[level]}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t("engagement.overview.chart.caption")}</figcaption>
    </figure>
  );
}

const plot = { left: 40, right: 470, top: 12, bottom: 180, height: 210 };

/** One step line per level across the months; a legend names the lines, the table below holds the numbers. */
function HistorySteps({ history }: { history: { month: string; label: string; counts: LevelCounts }[] }) {
  const { t } = useTranslation();
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last) return null;
  const largest = Math.max(1, ...history.flatMap((point) => levels.map((level) => point.counts[level])));
  const x = (index: number) =>
    plot.left + (index * (plot.right - plot.left)) / Math.max(1, history.length - 1);
  const y = (count: number) => plot.bottom - (count / largest) * (plot.bottom - plot.top);
  const step = (level: Level) =>
    history
      .map((point, index) =>
        index === 0 ? `M ${x(0)} ${y(point.counts[level])}` : `H ${x(index)} V ${y(point.counts[level])}`,
      )
      .join(" ");
  const summary = levels
    .map((level) => `${levelName(t, level)}: ${first.counts[level]} → ${last.counts[level]}`)
    .join(", ");
  return (
    <figure className="engagement-figure">
      <svg
        role="img"
        aria-label={t("engagement.history.chart.label", { from: first.label, to: last.label, summary })}
        viewBox={`0 0 ${plot.right + 10} ${plot.height}`}
        className="engagement-chart"
        direction="ltr"
      >
        <line x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.bottom} className="engagement-axis" />
        <line x1={plot.left} y1={plot.top} x2={plot.left} y2={plot.bottom} className="engagement-axis" />
        <text x={plot.left - 6} y={plot.top} textAnchor="end" dominantBaseline="middle">
          {largest}
        </text>
        <text x={plot.left - 6} y={plot.bottom} textAnchor="end" dominantBaseline="middle">
          0
        </text>
        <text x={plot.left} y={plot.bottom + 20} textAnchor="start">
          {first.label}
        </text>
        <text x={plot.right} y={plot.bottom + 20} textAnchor="end">
          {last.label}
        </text>
        {levels.map((level) => (
          <path key={level} d={step(level)} className={`engagement-line engagement-line--${level}`} />
        ))}
      </svg>
      <figcaption>
        {t("engagement.history.chart.caption")}
        <ul className="engagement-legend">
          {levels.map((level) => (
            <li key={level}>
              <svg viewBox="0 0 24 8" className="engagement-swatch" aria-hidden="true">
                <line x1="0" y1="4" x2="24" y2="4" className={`engagement-line engagement-line--${level}`} />
              </svg>
              {levelName(t, level)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
