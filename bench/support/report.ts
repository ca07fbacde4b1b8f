import type { LoadResult } from "./load";

/**
 * One line of a benchmark's table: Concord's figure and the baseline's, one value per round (in the same
 * order, so round r of one is compared with round r of the other), and the budget it is judged by.
 */
export type Row = {
  measure: string;
  concord: number[];
  baseline?: number[];
  budget?: string;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export function format(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString("en");
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** min / median / max, as in every ratio column. */
export const spread = (values: number[]) =>
  values.length === 0
    ? "–"
    : `${format(Math.min(...values))} / ${format(median(values))} / ${format(Math.max(...values))}`;

/** A row from one figure of load results, Concord's and the baseline's, round by round. */
export function figure(
  measure: string,
  pick: (result: LoadResult) => number,
  concord: LoadResult[],
  baseline?: LoadResult[],
  budget?: string,
): Row {
  return { measure, concord: concord.map(pick), baseline: baseline?.map(pick), budget };
}

/**
 * Prints the table: measure | Concord | baseline | ratio | budget. The figures are medians over the rounds;
 * the ratio is Concord's figure divided by the baseline's in the same round, min / median / max.
 */
export function printTable(title: string, rows: Row[], note?: string) {
  const header = ["measure", "Concord", "baseline", "ratio min / median / max", "budget"];
  const lines = rows.map((row) => {
    const ratios = row.baseline
      ? row.concord.map((value, index) => value / row.baseline![index]!).filter(Number.isFinite)
      : [];
    return [
      row.measure,
      format(median(row.concord)),
      row.baseline ? format(median(row.baseline)) : "–",
      row.baseline ? spread(ratios) : "–",
      row.budget ?? "",
    ];
  });
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => line[column]!.length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(render(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(render(line));
  if (note) console.log(note);
}
