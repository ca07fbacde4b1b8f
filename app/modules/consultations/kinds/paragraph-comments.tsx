import { useField } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BarChart } from "~/components/ui/chart";
import { TextAreaField } from "~/components/ui/form";
import { requiredText } from "~/utils/validation";
import { QuestionFieldset, answerError, issue, postedText, questionBase, defineKind } from "./kind";

export type Paragraphs = { paragraphs: string[] };

export type ParagraphCommentsResult = {
  paragraphs: { number: number; excerpt: string; count: number }[];
};

const commentLimit = 4_000;

/** Splits a draft document into its numbered paragraphs: blocks separated by blank lines. */
function splitParagraphs(draft: string): string[] {
  return draft
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/**
 * A draft document split into numbered paragraphs, each open to a comment (stored as paragraph number →
 * comment); the results count the comments per paragraph and list them.
 */
export const paragraphComments = defineKind({
  kind: "paragraph_comments",
  builder: {
    schema: z.object({ kind: z.literal("paragraph_comments"), ...questionBase, draft: requiredText(50_000) }),
    options: ({ draft }) => splitParagraphs(draft),
    formValues: ({ paragraphs }) => ({ draft: paragraphs.join("\n\n") }),
    Fields: DraftField,
  },
  options: (stored: unknown): Paragraphs => ({ paragraphs: z.array(z.string()).parse(stored) }),
  answer: {
    read(raw) {
      if (raw === undefined || raw === null) return undefined;
      if (typeof raw !== "object" || Array.isArray(raw)) return null;
      const comments: Record<string, string> = {};
      for (const [paragraph, comment] of Object.entries(raw as Record<string, unknown>)) {
        const value = postedText(comment);
        if (value === undefined) return null;
        if (value.trim() !== "") comments[paragraph] = value;
      }
      return Object.keys(comments).length ? comments : undefined;
    },
    schema: ({ paragraphs }) =>
      z.record(z.string()).superRefine((comments, context) => {
        const numbers = Object.keys(comments);
        if (numbers.some((key) => !/^[1-9]\d*$/.test(key) || Number(key) > paragraphs.length))
          issue(context, answerError("unknownParagraph"));
        if (Object.values(comments).some((comment) => comment.length > commentLimit))
          issue(context, answerError(`commentTooLong?max=${commentLimit}`));
      }),
  },
  // One line per comment, in paragraph order, marked with the paragraph's number.
  text: (_options, comments) =>
    Object.entries(comments)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([paragraph, comment]) => `¶${paragraph}: ${comment}`)
      .join("\n"),
  Input({ frame, options, value = {} }) {
    const { t } = useTranslation();
    return (
      <QuestionFieldset frame={frame} note={t("consultations.common.question.paragraphsHelp")}>
        <ol className="question__paragraphs">
          {options.paragraphs.map((paragraph, index) => {
            const number = index + 1;
            return (
              <li key={number} className="question__paragraph">
                <p className="prewrap">
                  <span className="question__paragraph-number">{number}.</span> {paragraph}
                </p>
                <div className="field">
                  <label htmlFor={`${frame.id}-p${number}`}>
                    {t("consultations.common.question.commentOn", { number })}
                  </label>
                  <textarea
                    id={`${frame.id}-p${number}`}
                    name={`${frame.name}.${number}`}
                    defaultValue={value[String(number)] ?? ""}
                    disabled={frame.disabled}
                    rows={2}
                  />
                </div>
              </li>
            );
          })}
        </ol>
      </QuestionFieldset>
    );
  },
  AnswerView({ options, answer }) {
    const { t } = useTranslation();
    return (
      <ul>
        {Object.entries(answer).map(([number, comment]) => {
          const paragraph = options.paragraphs[Number(number) - 1];
          return (
            <li key={number}>
              <strong>{t("consultations.respond.versions.paragraph", { number })}</strong>{" "}
              {paragraph ? <q>{paragraph}</q> : null}
              <p className="prewrap">{comment}</p>
            </li>
          );
        })}
      </ul>
    );
  },
  results: {
    tally: (_options, comments) => Object.keys(comments).map((bucket) => ({ bucket })),
    aggregate: ({ paragraphs }, tally): ParagraphCommentsResult => ({
      paragraphs: paragraphs.map((text, index) => ({
        number: index + 1,
        excerpt: excerpt(text),
        count: tally.get(String(index + 1))?.count ?? 0,
      })),
    }),
    View: ParagraphCommentsView,
    listed: {
      as: "comments",
      texts: (_options, comments) =>
        Object.entries(comments)
          .map(([paragraph, text]) => ({ paragraph: Number(paragraph), text }))
          .sort((a, b) => a.paragraph - b.paragraph),
    },
  },
});

function DraftField({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const [draft] = useField<string | undefined>("draft", { formId });
  return (
    <TextAreaField
      field={draft}
      label={t("consultations.builder.questions.fields.draft")}
      help={t("consultations.builder.questions.help.draft")}
      rows={12}
    />
  );
}

function ParagraphCommentsView({ result, title }: { result: ParagraphCommentsResult; title: string }) {
  const { t } = useTranslation();
  const label = (number: number) => t("consultations.results.paragraph", { number });
  return (
    <BarChart
      label={t("consultations.results.chart.paragraphs", { question: title })}
      caption={t("consultations.results.table.paragraphs", { question: title })}
      columns={[
        t("consultations.results.table.paragraph"),
        t("consultations.results.table.excerpt"),
        t("consultations.results.table.comments"),
      ]}
      rows={result.paragraphs.map((paragraph) => ({
        label: label(paragraph.number),
        value: paragraph.count,
        shown: String(paragraph.count),
        cells: [paragraph.excerpt, String(paragraph.count)],
      }))}
    />
  );
}
