import { z } from "zod";
import { choice } from "~/utils/validation";
import {
  answerError,
  type Answer,
  type AnswerMode,
  type ListedText,
  type QuestionKindDefinition,
  type ResultBase,
  type Tally,
  type TallyEntry,
} from "./kind";
import { longText } from "./long-text";
import { multipleChoice } from "./multiple-choice";
import { paragraphComments } from "./paragraph-comments";
import { ranking } from "./ranking";
import { rating } from "./rating";
import { shortText } from "./short-text";
import { singleChoice } from "./single-choice";

/**
 * The question kinds, in the order the builder offers them. Each kind's file owns its builder schema, its
 * answer rules, its text form, its aggregate and its views; everything else reaches a kind through here.
 */
const definitions = [
  shortText,
  longText,
  singleChoice,
  multipleChoice,
  rating,
  ranking,
  paragraphComments,
] as const;

type Definition = (typeof definitions)[number];
export type QuestionKind = Definition["kind"];

export const questionKinds: readonly QuestionKind[] = definitions.map((definition) => definition.kind);

export function isQuestionKind(value: unknown): value is QuestionKind {
  return typeof value === "string" && (questionKinds as readonly string[]).includes(value);
}

const byKind = new Map<string, QuestionKindDefinition>(
  definitions.map((definition) => [definition.kind, definition]),
);

/** A kind's definition; a kind that is not one of ours is a programming error. */
export function kindOf(kind: string): QuestionKindDefinition {
  const definition = byKind.get(kind);
  if (!definition) throw new Error(`Unknown question kind: ${kind}`);
  return definition;
}

/** A question's stored options (the `options` column), read for its kind. */
export function questionOptions(question: { kind: string; options: string }): unknown {
  return kindOf(question.kind).options(JSON.parse(question.options || "null"));
}

/** A question's stored options with its kind, as the JSON export describes each question. */
export function parseQuestionOptions(kind: string, optionsJson: string) {
  return { kind, ...(questionOptions({ kind, options: optionsJson }) as object) };
}

/** One question as the builder's form sends it; `options` comes out as the JSON to store. */
export const questionSchema = z
  .discriminatedUnion(
    "kind",
    definitions.map((definition) => definition.builder.schema) as [
      Definition["builder"]["schema"],
      ...Definition["builder"]["schema"][],
    ],
    choice,
  )
  .superRefine((value, context) => kindOf(value.kind).builder.check?.(value, context))
  .transform((value) => {
    const { kind, prompt, help, required } = value;
    return { kind, prompt, help, required, options: JSON.stringify(kindOf(kind).builder.options(value)) };
  });
export type QuestionFields = z.infer<typeof questionSchema>;

/** A question's stored options as the builder's form shows them again. */
export function questionFormValues(question: {
  kind: string;
  prompt: string;
  help: string;
  required: boolean;
  options: string;
}): Record<string, string> {
  return {
    kind: question.kind,
    prompt: question.prompt,
    help: question.help,
    ...(question.required ? { required: "on" } : {}),
    ...kindOf(question.kind).builder.formValues(questionOptions(question)),
  };
}

/** One posted or stored answer in its kind's stored shape: undefined when empty, null when malformed. */
export function readAnswer(question: { kind: string }, raw: unknown): Answer | undefined | null {
  return kindOf(question.kind).answer.read(raw);
}

/** What is wrong with one non-empty answer (catalogue keys); a wrongly shaped one is "invalid". */
export function answerIssues(
  question: { kind: string; options: string },
  answer: Answer,
  mode: AnswerMode,
): string[] {
  const parsed = kindOf(question.kind).answer.schema(questionOptions(question), mode).safeParse(answer);
  if (parsed.success) return [];
  return parsed.error.issues.map((found) =>
    found.code === z.ZodIssueCode.invalid_type ? answerError("invalid") : found.message,
  );
}

/**
 * The text form of the answers to one question (its options are read once): what the review page, the
 * feedback report and the CSV export print. An empty or malformed answer is "".
 */
export function answerTextOf(question: { kind: string; options: string }): (raw: unknown) => string {
  const definition = kindOf(question.kind);
  const options = questionOptions(question);
  return (raw) => {
    const answer = definition.answer.read(raw);
    return answer === undefined || answer === null ? "" : definition.text(options, answer);
  };
}

type ResultOf<D> = D extends Definition
  ? ResultBase & { kind: D["kind"] } & ReturnType<D["results"]["aggregate"]>
  : never;

/** A question's aggregate, typed by its kind. */
export type QuestionResult = ResultOf<Definition>;

/** What one submitted answer adds to its question's results (ADR 0022); an empty or malformed one adds nothing. */
export type AnswerContribution = { answered: boolean; tally: TallyEntry[]; listed: ListedText[] };

/** The contribution of the answers to one question (its options are read once). */
export function contributionOf(question: {
  kind: string;
  options: string;
}): (raw: unknown) => AnswerContribution {
  const { answer: rules, results } = kindOf(question.kind);
  const options = questionOptions(question);
  return (raw) => {
    const answer = rules.read(raw);
    if (answer === undefined || answer === null) return { answered: false, tally: [], listed: [] };
    return {
      answered: true,
      tally: results.tally?.(options, answer) ?? [],
      listed: results.listed?.texts(options, answer) ?? [],
    };
  };
}

/** A question's aggregate from the counts of its submitted answers (see `results.tally`). */
export function questionResult(
  question: { id: string; position: number; prompt: string; kind: string; options: string },
  answered: number,
  tally: Tally,
): QuestionResult {
  const aggregate = kindOf(question.kind).results.aggregate(questionOptions(question), tally) as object;
  const { id, position, prompt, kind } = question;
  return { id, position, prompt, answered, kind, ...aggregate } as QuestionResult;
}
