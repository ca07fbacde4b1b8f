import type { ReactNode } from "react";
import { z } from "zod";
import { optionalText, requiredText } from "~/utils/validation";

/**
 * What every question kind defines (client-safe: the builder, respond, review and results pages all read
 * it). One file per kind holds its definition; `index.ts` lists them.
 */

/** An answer in its stored shape (each kind's `answer.read` says which). */
export type Answer = string | number | string[] | Record<string, string>;

/** A draft may be incomplete; a submission may not. */
export type AnswerMode = "draft" | "submit";

/** Counts of one question's submitted answers, by bucket (see `results.tally`). */
export type Tally = ReadonlyMap<string, { count: number; positionSum: number }>;

/**
 * One count a submitted answer adds to its question's tally: its bucket (an option, a rating value, a
 * paragraph's number) and, for a ranking, the 1-based rank the option was given.
 */
export type TallyEntry = { bucket: string; position?: number };

/** A part of an answer the results page lists one by one: the text, with the paragraph it comments on (0: none). */
export type ListedText = { paragraph: number; text: string };

/** What the results know of every question, whatever its kind. */
export type ResultBase = { id: string; position: number; prompt: string; answered: number };

/** What the generic question input hands a kind's input: ids, accessibility wiring and the shared parts. */
export type InputFrame = {
  id: string;
  name: string;
  disabled: boolean;
  /** Required in the browser too (never for a disabled preview). */
  required: boolean;
  describedBy: string | undefined;
  invalid: true | undefined;
  /** The prompt with its required/optional mark. */
  prompt: ReactNode;
  help: ReactNode;
  errors: ReactNode;
};

/**
 * A question kind. Its components are declared as methods so that the registry can hold every kind under
 * this one type while each kind keeps its own options, answer and result types.
 */
export interface QuestionKindDefinition<
  Options = unknown,
  A extends Answer = Answer,
  Result = unknown,
  BuilderSchema extends z.AnyZodObject = z.AnyZodObject,
> {
  kind: string;
  builder: {
    /** The builder's form for this kind: `kind`, the `questionBase` fields and the kind's own. */
    schema: BuilderSchema;
    /** Rules across fields (an issue's path names the field it shows on). */
    check?(value: z.output<BuilderSchema>, context: z.RefinementCtx): void;
    /** The options to store (as JSON) from the builder's form. */
    options(value: z.output<BuilderSchema>): unknown;
    /** Stored options as the builder's form shows them again. */
    formValues(options: Options): Record<string, string>;
    /** The form's values for a new question of this kind. */
    defaults?: Record<string, string>;
    /** The kind's own fields in the builder's form. */
    Fields(props: { formId: string }): ReactNode;
  };
  /** Reads the stored options (the parsed `options` column). */
  options(stored: unknown): Options;
  answer: {
    /**
     * A posted (Conform's parsed form value) or stored answer in its stored shape: undefined when empty
     * (nothing typed, chosen or commented), null when it has the wrong shape for the kind.
     */
    read(raw: unknown): A | undefined | null;
    /** The rules a (non-empty) answer must follow; the issues' messages are catalogue keys. */
    schema(options: Options, mode: AnswerMode): z.ZodType<A, z.ZodTypeDef, A>;
  };
  /** The answer as plain text: what the review page, the report and the CSV export show. */
  text(options: Options, answer: A): string;
  /** The input respondents answer with. */
  Input(props: { frame: InputFrame; options: Options; value: A | undefined }): ReactNode;
  /** A submitted answer read back; without it, the text form is shown. */
  AnswerView?(props: { options: Options; answer: A }): ReactNode;
  results: {
    /**
     * What one submitted answer adds to the question's tally, which the submit command keeps as it writes
     * (ADR 0022): a count in each bucket the answer falls in. None for the kinds whose answers are listed.
     */
    tally?(options: Options, answer: A): TallyEntry[];
    /** The kind's aggregate from the counts (a bucket no answer falls in is absent). */
    aggregate(options: Options, tally: Tally): Result;
    /** The aggregate as a chart with its data table; `title` names the question. */
    View(props: { result: ResultBase & Result; title: string }): ReactNode;
    /** The parts of an answer the results page lists one by one, as answers or as comments by paragraph. */
    listed?: { as: "answers" | "comments"; texts(options: Options, answer: A): ListedText[] };
  };
}

/** A kind's definition, checked against the interface and typed by it (so the registry can hold them all). */
export function defineKind<
  K extends string,
  Options,
  A extends Answer,
  Result,
  BuilderSchema extends z.AnyZodObject,
>(definition: QuestionKindDefinition<Options, A, Result, BuilderSchema> & { kind: K }) {
  return definition;
}

/** The builder fields every kind has. */
export const questionBase = {
  prompt: requiredText(500),
  help: optionalText(1000),
  required: z.boolean().default(false),
};

/** The catalogue prefix of answer errors. */
export const answerError = (key: string) => `consultations.respond.errors.${key}`;
export const tooLong = (max: number) => answerError(`tooLong?max=${max}`);

/** Posted text, with the browser's line breaks; undefined for anything but a string. */
export const postedText = (value: unknown) =>
  typeof value === "string" ? value.replace(/\r\n/g, "\n") : undefined;

/** A posted or stored text answer: undefined when blank, null when not text. */
export function readText(raw: unknown): string | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  const value = postedText(raw);
  if (value === undefined) return null;
  return value.trim() === "" ? undefined : value;
}

/** A posted value as a list: Conform gives one value as itself and none as undefined. */
export const postedList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

/** An average as the results show it. */
export const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/** Adds one custom issue (a catalogue key) to a refinement. */
export const issue = (context: z.RefinementCtx, message: string, path?: string[]) =>
  context.addIssue({ code: z.ZodIssueCode.custom, message, ...(path ? { path } : {}) });

/** The frame of the kinds answered in a group of inputs: legend, notes, help, the inputs and the errors. */
export function QuestionFieldset({
  frame,
  note,
  children,
}: {
  frame: InputFrame;
  /** How to answer this kind, before the question's own help. */
  note?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="fieldset question" aria-describedby={frame.describedBy}>
      <legend>{frame.prompt}</legend>
      {note ? <p className="field__help">{note}</p> : null}
      {frame.help}
      {children}
      {frame.errors}
    </fieldset>
  );
}
