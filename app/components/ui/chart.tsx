/** Charts for aggregates: bars drawn in SVG, each next to the data table that carries the same numbers. */

/** One row of a bar chart: its label, the bar's length and the number written at its end, and the table's other cells. */
export type BarRow = { label: string; value: number; shown: string; cells: string[] };

/**
 * An aggregate as bars and, next to them, the data table with the same rows (the table is what screen readers
 * and copy-paste get): the first column is each row's label, then its cells.
 */
export function BarChart({
  label,
  caption,
  columns,
  rows,
}: {
  /** What the chart shows, for its accessible name (the values follow it). */
  label: string;
  caption: string;
  columns: string[];
  rows: BarRow[];
}) {
  return (
    <>
      <Bars label={label} bars={rows} />
      <DataTable caption={caption} columns={columns} rows={rows.map((row) => [row.label, ...row.cells])} />
    </>
  );
}

const barRow = 28;
const labelWidth = 220;
const barSpace = 300;
const clip = (text: string) => (text.length > 30 ? `${text.slice(0, 29)}…` : text);

/**
 * One horizontal bar per row, as inline SVG (presentation attributes and classes only: the CSP allows no style
 * attributes). The drawing reads left to right in every language; the table next to it carries the data.
 */
function Bars({ label, bars }: { label: string; bars: { label: string; value: number; shown: string }[] }) {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  const summary = bars.map((bar) => `${bar.label}: ${bar.shown}`).join(", ");
  return (
    <svg
      role="img"
      aria-label={`${label} ${summary}`}
      viewBox={`0 0 ${labelWidth + barSpace + 60} ${Math.max(1, bars.length) * barRow}`}
      className="results-chart"
      direction="ltr"
    >
      {bars.map((bar, index) => {
        const width = (bar.value / largest) * barSpace;
        const y = index * barRow;
        return (
          <g key={`${index}-${bar.label}`}>
            <text x={labelWidth - 8} y={y + barRow / 2} textAnchor="end" dominantBaseline="middle">
              {clip(bar.label)}
            </text>
            <rect x={labelWidth} y={y + 5} width={width} height={barRow - 10} className="results-bar" />
            <text x={labelWidth + width + 6} y={y + barRow / 2} dominantBaseline="middle">
              {bar.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A table of figures: a caption, column headings, and rows headed by their first cell. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: string[][];
}) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([first, ...rest], index) => (
            <tr key={index}>
              <th scope="row">{first}</th>
              {rest.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
