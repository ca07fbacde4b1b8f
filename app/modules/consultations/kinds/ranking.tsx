import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BarChart } from "~/components/ui/chart";
import { choicesBuilder, readChoices } from "./choices";
import { QuestionFieldset, answerError, issue, postedList, twoDecimals, defineKind } from "./kind";

export type RankingResult = {
  /** Options by average rank, best (lowest) first; `averageRank` is null when no one ranked the option. */
  options: { label: string; averageRank: number | null; count: number }[];
};

/**
 * The options put in order, one select per position (stored as position → option, "" for a position not
 * chosen yet; a submission ranks every option); the results order the options by average rank.
 */
export const ranking = defineKind({
  kind: "ranking",
  builder: choicesBuilder("ranking"),
  options: readChoices,
  answer: {
    read(raw) {
      const values = postedList(raw);
      if (values.some((value) => value !== undefined && value !== null && typeof value !== "string"))
        return null;
      const positions = values.map((value) => (typeof value === "string" ? value : ""));
      while (positions.length && positions[positions.length - 1] === "") positions.pop();
      return positions.length ? positions : undefined;
    },
    schema: ({ choices }, mode) =>
      z.array(z.string()).superRefine((positions, context) => {
        const ranked = positions.filter((option) => option !== "");
        if (ranked.some((option) => !choices.includes(option))) issue(context, answerError("unknownOption"));
        if (new Set(ranked).size !== ranked.length) issue(context, answerError("rankingDuplicates"));
        else if (
          mode === "submit" &&
          (positions.length !== choices.length || ranked.length !== choices.length)
        )
          issue(context, answerError("rankingIncomplete"));
      }),
  },
  // One numbered line per position chosen.
  text: (_options, positions) =>
    positions
      .map((option, index) => (option ? `${index + 1}. ${option}` : ""))
      .filter(Boolean)
      .join("\n"),
  Input({ frame, options, value = [] }) {
    const { t } = useTranslation();
    return (
      <QuestionFieldset frame={frame} note={t("consultations.common.question.rankingHelp")}>
        <ol className="question__ranking">
          {options.choices.map((_, position) => (
            <li key={position} className="field">
              <label htmlFor={`${frame.id}-${position}`}>
                {t("consultations.common.question.rank", { position: position + 1 })}
              </label>
              <select
                id={`${frame.id}-${position}`}
                name={`${frame.name}[${position}]`}
                defaultValue={value[position] ?? ""}
                disabled={frame.disabled}
                required={frame.required}
              >
                <option value="">{t("consultations.common.question.rankChoose")}</option>
                {options.choices.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
      </QuestionFieldset>
    );
  },
  AnswerView({ answer }) {
    return (
      <ol>
        {answer.map((option, position) => (
          <li key={position}>{option}</li>
        ))}
      </ol>
    );
  },
  results: {
    tally: (_options, positions) =>
      positions.flatMap((bucket, index) => (bucket ? [{ bucket, position: index + 1 }] : [])),
    aggregate({ choices }, tally): RankingResult {
      const options = choices.map((label) => {
        const ranked = tally.get(label);
        return {
          label,
          count: ranked?.count ?? 0,
          averageRank: ranked ? twoDecimals(ranked.positionSum / ranked.count) : null,
        };
      });
      options.sort((a, b) => (a.averageRank ?? Infinity) - (b.averageRank ?? Infinity));
      return { options };
    },
    View: RankingView,
  },
});

function RankingView({ result, title }: { result: RankingResult; title: string }) {
  const { t } = useTranslation();
  const worst = result.options.length + 1;
  const shown = (averageRank: number | null) => (averageRank === null ? "–" : String(averageRank));
  return (
    <>
      <p>{t("consultations.results.ranking.explain")}</p>
      <BarChart
        label={t("consultations.results.chart.ranking", { question: title })}
        caption={t("consultations.results.table.ranking", { question: title })}
        columns={[
          t("consultations.results.table.option"),
          t("consultations.results.table.averageRank"),
          t("consultations.results.table.rankedBy"),
        ]}
        rows={result.options.map((option) => ({
          label: option.label,
          value: option.averageRank === null ? 0 : worst - option.averageRank,
          shown: shown(option.averageRank),
          cells: [shown(option.averageRank), String(option.count)],
        }))}
      />
    </>
  );
}
