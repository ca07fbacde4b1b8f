import { z } from "zod";
import { answerIssues, readAnswer } from "./kinds";
import { answerError, tooLong, type Answer, type AnswerMode } from "./kinds/kind";

/**
 * The answers of one input (client-safe): how the form posts them, how they are stored (JSON: question id →
 * answer, each in its kind's stored shape, see kinds/) and the rules they must follow. A draft may be
 * incomplete; a submission may not.
 */

export const aggregatedNoteLimit = 2_000;

export type AnswerQuestion = { id: string; kind: string; required: boolean; options: string };
export type Answers = Record<string, Answer>;
export type AnswerErrors = Record<string, string[]>;

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** An input's stored answers (JSON) as raw answers by question id, each for its kind to read; {} if unreadable. */
export function storedAnswers(json: string): Record<string, unknown> {
  const parsed = parseJson(json);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
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
    const answer = readAnswer(question, source[question.id]);
    if (answer === null) malformed.push(question.id);
    else if (answer !== undefined) answers[question.id] = answer;
  }
  return { answers, malformed };
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
      ? [answerError("invalid")]
      : answer === undefined
        ? mode === "submit" && question.required
          ? [answerError("required")]
          : []
        : answerIssues(question, answer, mode);
    if (messages.length) found[question.id] = messages;
  }
  return found;
}

/** What is wrong with the note on how aggregated input was gathered. */
export function aggregatedNoteErrors(note: string, mode: AnswerMode): string[] {
  if (note.length > aggregatedNoteLimit) return [tooLong(aggregatedNoteLimit)];
  if (mode === "submit" && note.trim() === "") return [answerError("noteRequired")];
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

/** The key of the note on aggregated input, beside the question ids, in a draft's base and revisions. */
export const noteKey = "@aggregatedNote";

/** Who last changed one working answer of a shared draft, and when (its revision counts from 1). */
export type AnswerRevision = { rev: number; by: string; name: string; at: string };
export type AnswerRevisions = Record<string, AnswerRevision>;

/**
 * What a form's answers were based on: for each question (and the note), the revision of the shared draft's
 * answer it shows and that answer's fingerprint. Posted back with every save (autosave or not), it tells the
 * server which answers this person changed (the fingerprint differs) and whether a colleague changed the
 * same answer since (the revision is no longer the stored one): see mergeIntoDraft and ADR 0026.
 */
export type DraftBase = Record<string, [rev: number, fingerprint: string]>;

/** The keys of a draft's base: the question ids, and the note of an aggregated input. */
export const draftKeys = (questions: { id: string }[], aggregated: boolean) => [
  ...questions.map((question) => question.id),
  ...(aggregated ? [noteKey] : []),
];

export function readRevisions(json: string): AnswerRevisions {
  const parsed = parseJson(json);
  const revisions: AnswerRevisions = {};
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return revisions;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const revision = value as Partial<AnswerRevision> | null;
    if (revision && typeof revision.rev === "number")
      revisions[key] = {
        rev: revision.rev,
        by: String(revision.by ?? ""),
        name: String(revision.name ?? ""),
        at: String(revision.at ?? ""),
      };
  }
  return revisions;
}

/** The base of a form showing these answers at these revisions. */
export function draftBase(
  questions: AnswerQuestion[],
  answers: Answers,
  note: string,
  revisions: AnswerRevisions,
): DraftBase {
  return Object.fromEntries([
    ...questions.map((question) => [
      question.id,
      [revisions[question.id]?.rev ?? 0, answerFingerprint(answers[question.id])] as [number, string],
    ]),
    [noteKey, [revisions[noteKey]?.rev ?? 0, answerFingerprint(note || undefined)]],
  ]);
}

/** A posted base; an unreadable entry is left out (its answer then counts as changed, from revision 0). */
export function readBase(json: string): DraftBase {
  const parsed = parseJson(json);
  const base: DraftBase = {};
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return base;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>))
    if (
      Array.isArray(value) &&
      Number.isInteger(value[0]) &&
      (value[0] as number) >= 0 &&
      typeof value[1] === "string"
    )
      base[key] = [value[0] as number, value[1]];
  return base;
}

/**
 * The choice made about one conflicting answer, as its button posts it: `<question id or note key>:<mine or
 * theirs>:<the revision of theirs that was shown>`.
 */
export type Resolution = { key: string; choice: "mine" | "theirs"; rev: number };

export function readResolution(value: unknown): Resolution | null {
  if (typeof value !== "string") return null;
  const match = /^([^:]{1,64}):(mine|theirs):(\d{1,9})$/.exec(value);
  return match ? { key: match[1]!, choice: match[2] as "mine" | "theirs", rev: Number(match[3]) } : null;
}

export const resolutionValue = (resolution: Resolution) =>
  `${resolution.key}:${resolution.choice}:${resolution.rev}`;

/** The id of the form of one organisation's own input, or of its aggregated community input. */
export const inputFormId = (organisationId: string, aggregated: boolean) =>
  `input-${organisationId}-${aggregated ? "aggregated" : "own"}`;

export const respondIntents = ["save", "submit"] as const;
export type RespondIntent = (typeof respondIntents)[number];

/** The answer form as posted: which organisation's input, and the answers as Conform reads them. */
export const respondPostSchema = z.object({
  intent: z.enum(respondIntents).optional(),
  organisationId: z.string().max(64).optional(),
  aggregated: z.enum(["true", "false"]).optional(),
  baseline: z.string().max(100_000).optional(),
  /** A choice about a conflicting answer (see readResolution). */
  resolve: z.string().max(200).optional(),
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
