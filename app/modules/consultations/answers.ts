import { z } from "zod";
import { parseQuestionOptions } from "./schema";

/**
 * Answers to a consultation's questions (client-safe): how the form posts them, how they are stored (JSON:
 * question id → answer) and the rules they must follow. A draft may be incomplete; a submission may not.
 *
 * Stored shapes by kind: text and single choice → string; multiple choice → string[] (no duplicates);
 * rating → integer; ranking → string[] (position → option, "" for a position not chosen yet);
 * paragraph comments → { "<paragraph number>": comment }.
 */

export const answerLimits = { shortText: 500, longText: 10_000, comment: 4_000, aggregatedNote: 2_000 };

export type AnswerQuestion = { id: string; kind: string; required: boolean; options: string };
export type Answer = string | number | string[] | Record<string, string>;
export type Answers = Record<string, Answer>;
export type AnswerErrors = Record<string, string[]>;
export type AnswerMode = "draft" | "submit";

const errors = "consultations.respond.errors";

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** The choices, ranking options or draft paragraphs of a question, by kind. */
export function questionItems(question: Pick<AnswerQuestion, "kind" | "options">): string[] {
  const options = parseQuestionOptions(question.kind, question.options);
  if ("choices" in options) return options.choices;
  if (options.kind === "paragraph_comments") return options.paragraphs;
  return [];
}

/** The scale of a rating question. */
function ratingScale(question: Pick<AnswerQuestion, "kind" | "options">) {
  const options = parseQuestionOptions(question.kind, question.options);
  return options.kind === "rating" ? options : { min: 1, max: 5 };
}

const text = (value: unknown) => (typeof value === "string" ? value.replace(/\r\n/g, "\n") : undefined);
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

/**
 * One answer as posted (Conform's parsed form value) or stored, in its stored shape; undefined when it is
 * empty (nothing typed, chosen or commented), null when it has the wrong shape for the question.
 */
function normaliseAnswer(question: AnswerQuestion, raw: unknown): Answer | undefined | null {
  switch (question.kind) {
    case "short_text":
    case "long_text":
    case "single_choice": {
      if (raw === undefined || raw === null) return undefined;
      const value = text(raw);
      if (value === undefined) return null;
      return value.trim() === "" ? undefined : value;
    }
    case "multiple_choice": {
      const values = list(raw);
      if (values.some((value) => typeof value !== "string")) return null;
      const chosen = (values as string[]).filter((value) => value !== "");
      return chosen.length ? chosen : undefined;
    }
    case "rating": {
      if (raw === undefined || raw === null || raw === "") return undefined;
      const value = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.trim()) : NaN;
      return Number.isFinite(value) ? value : null;
    }
    case "ranking": {
      const values = list(raw);
      if (values.some((value) => value !== undefined && value !== null && typeof value !== "string"))
        return null;
      const positions = values.map((value) => (typeof value === "string" ? value : ""));
      while (positions.length && positions[positions.length - 1] === "") positions.pop();
      return positions.length ? positions : undefined;
    }
    case "paragraph_comments": {
      if (raw === undefined || raw === null) return undefined;
      if (typeof raw !== "object" || Array.isArray(raw)) return null;
      const comments: Record<string, string> = {};
      for (const [paragraph, comment] of Object.entries(raw as Record<string, unknown>)) {
        const value = text(comment);
        if (value === undefined) return null;
        if (value.trim() !== "") comments[paragraph] = value;
      }
      return Object.keys(comments).length ? comments : undefined;
    }
    default:
      return null;
  }
}

/**
 * The answers in a posted or stored value, keyed by question id: empty answers are left out, and answers of
 * the wrong shape are reported in `malformed` (their question ids).
 */
export function readAnswers(questions: AnswerQuestion[], raw: unknown) {
  const source =
    raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const answers: Answers = {};
  const malformed: string[] = [];
  for (const question of questions) {
    if (!Object.hasOwn(source, question.id)) continue;
    const answer = normaliseAnswer(question, source[question.id]);
    if (answer === null) malformed.push(question.id);
    else if (answer !== undefined) answers[question.id] = answer;
  }
  return { answers, malformed };
}

function tooLong(max: number) {
  return `${errors}.tooLong?max=${max}`;
}

/** What is wrong with one (non-empty) answer, in either mode. */
function answerErrors(question: AnswerQuestion, answer: Answer, mode: AnswerMode): string[] {
  const items = questionItems(question);
  switch (question.kind) {
    case "short_text":
      return (answer as string).length > answerLimits.shortText ? [tooLong(answerLimits.shortText)] : [];
    case "long_text":
      return (answer as string).length > answerLimits.longText ? [tooLong(answerLimits.longText)] : [];
    case "single_choice":
      return items.includes(answer as string) ? [] : [`${errors}.unknownOption`];
    case "multiple_choice": {
      const chosen = answer as string[];
      const found: string[] = [];
      if (chosen.some((choice) => !items.includes(choice))) found.push(`${errors}.unknownOption`);
      if (new Set(chosen).size !== chosen.length) found.push(`${errors}.duplicateChoice`);
      return found;
    }
    case "rating": {
      const { min, max } = ratingScale(question);
      const value = answer as number;
      return Number.isInteger(value) && value >= min && value <= max
        ? []
        : [`${errors}.outOfScale?min=${min}&max=${max}`];
    }
    case "ranking": {
      const ranked = (answer as string[]).filter((option) => option !== "");
      const found: string[] = [];
      if (ranked.some((option) => !items.includes(option))) found.push(`${errors}.unknownOption`);
      if (new Set(ranked).size !== ranked.length) found.push(`${errors}.rankingDuplicates`);
      else if (
        mode === "submit" &&
        ((answer as string[]).length !== items.length || ranked.length !== items.length)
      )
        found.push(`${errors}.rankingIncomplete`);
      return found;
    }
    case "paragraph_comments": {
      const comments = answer as Record<string, string>;
      const found: string[] = [];
      const paragraphs = items.length;
      const numbers = Object.keys(comments);
      if (numbers.some((key) => !/^[1-9]\d*$/.test(key) || Number(key) > paragraphs))
        found.push(`${errors}.unknownParagraph`);
      if (Object.values(comments).some((comment) => comment.length > answerLimits.comment))
        found.push(`${errors}.commentTooLong?max=${answerLimits.comment}`);
      return found;
    }
    default:
      return [`${errors}.invalid`];
  }
}

/**
 * Validates answers against the questions: field errors keyed by question id (empty when all is well).
 * Required questions must be answered only at submission; a draft may leave them for later.
 */
export function validateAnswers(
  questions: AnswerQuestion[],
  answers: Answers,
  mode: AnswerMode,
  malformed: string[] = [],
): AnswerErrors {
  const found: AnswerErrors = {};
  for (const question of questions) {
    const answer = answers[question.id];
    const messages = malformed.includes(question.id)
      ? [`${errors}.invalid`]
      : answer === undefined
        ? mode === "submit" && question.required
          ? [`${errors}.required`]
          : []
        : answerErrors(question, answer, mode);
    if (messages.length) found[question.id] = messages;
  }
  return found;
}

/** What is wrong with the note on how aggregated input was gathered. */
export function aggregatedNoteErrors(note: string, mode: AnswerMode): string[] {
  if (note.length > answerLimits.aggregatedNote) return [tooLong(answerLimits.aggregatedNote)];
  if (mode === "submit" && note.trim() === "") return [`${errors}.noteRequired`];
  return [];
}

/** A short fingerprint of one answer (FNV-1a over its JSON): "" when unanswered. */
export function answerFingerprint(answer: Answer | undefined): string {
  if (answer === undefined) return "";
  const json = JSON.stringify(answer);
  let hash = 0x811c9dc5;
  for (let index = 0; index < json.length; index++) {
    hash ^= json.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** The baseline's key for the note on aggregated input. */
const noteKey = "@aggregatedNote";

/**
 * The fingerprints of the answers a form was opened with (question id → fingerprint, and the note on
 * aggregated input). Posted back with the form, they tell which answers this person changed, so saving
 * never overwrites what a colleague wrote in the meantime to a question this person did not touch.
 */
export function answersBaseline(questions: AnswerQuestion[], answers: Answers, note = ""): string {
  return JSON.stringify({
    ...Object.fromEntries(
      questions.map((question) => [question.id, answerFingerprint(answers[question.id])]),
    ),
    [noteKey]: answerFingerprint(note || undefined),
  });
}

/**
 * What the person changed since the form was opened: the ids of the questions whose posted answer differs
 * from the baseline, and whether the note did. Without a usable baseline, everything posted counts.
 */
export function changedSinceBaseline(
  questions: AnswerQuestion[],
  posted: { answers: Answers; note: string },
  baseline: string,
) {
  const parsed = parseJson(baseline);
  const before = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  const differs = (key: string, answer: Answer | undefined) =>
    typeof before[key] !== "string" || before[key] !== answerFingerprint(answer);
  return {
    questionIds: questions
      .filter((question) => differs(question.id, posted.answers[question.id]))
      .map((question) => question.id),
    note: differs(noteKey, posted.note || undefined),
  };
}

export const respondIntents = ["save", "submit"] as const;
export type RespondIntent = (typeof respondIntents)[number];

/** The answer form as posted: which organisation's input, and the answers as Conform reads them. */
export const respondPostSchema = z.object({
  intent: z.enum(respondIntents).optional(),
  organisationId: z.string().max(64).optional(),
  aggregated: z.enum(["true", "false"]).optional(),
  baseline: z.string().max(100_000).optional(),
  aggregatedNote: z.string().optional(),
  answers: z.unknown(),
});

/**
 * The answer form as the browser checks it. Only submission is checked in full; while a draft is typed
 * (validation on leaving a field, no intent) the answers are checked as a draft, and an explicit save is
 * never blocked in the browser: the server saves what it can and reports the rest.
 */
export function respondFormSchema(questions: AnswerQuestion[], aggregated: boolean) {
  return respondPostSchema.superRefine((value, context) => {
    if (value.intent === "save") return;
    const mode: AnswerMode = value.intent === "submit" ? "submit" : "draft";
    const { answers, malformed } = readAnswers(questions, value.answers);
    for (const [questionId, messages] of Object.entries(validateAnswers(questions, answers, mode, malformed)))
      for (const message of messages)
        context.addIssue({ code: z.ZodIssueCode.custom, path: ["answers", questionId], message });
    if (aggregated)
      for (const message of aggregatedNoteErrors(value.aggregatedNote ?? "", mode))
        context.addIssue({ code: z.ZodIssueCode.custom, path: ["aggregatedNote"], message });
  });
}
