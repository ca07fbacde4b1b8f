import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { organisationTypes } from "~/modules/organisations/schema";
import { spaceThemes } from "~/modules/spaces/schema";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { singleton } from "~/utils/singleton.server";
import { loadConsultationResource } from "./access.server";
import type { Answer } from "./answers";
import { answeringOrganisations } from "./audience.server";
import { parseQuestionOptions, type RatingScale } from "./schema";

/**
 * The results of a consultation for its conveners: live counts, per-question aggregates, the free-text
 * answers and the streamed exports. Everything reads SUBMITTED inputs only, and of each input what was
 * submitted: the answers of its latest SubmissionVersion (version = Submission.version), never
 * Submission.answers, the working draft organisations keep editing after submitting until they submit again.
 * The aggregates are computed by the database over the answers' JSON; every SQL statement
 * of the results lives in `sqlite` below (SQLite's json_each / json_extract), so a PostgreSQL variant of that
 * one object can follow (jsonb_each / jsonb_array_elements WITH ORDINALITY).
 */

export type ResultsQuestion = {
  id: string;
  position: number;
  kind: string;
  prompt: string;
  options: string;
  updatedAt: Date;
};

const listedKinds = new Set(["short_text", "long_text", "paragraph_comments"]);

/** The choices or ranking options of a question, or the paragraphs of its draft. */
function itemsOf(question: ResultsQuestion): string[] {
  const options = parseQuestionOptions(question.kind, question.options);
  if ("choices" in options) return options.choices;
  if (options.kind === "paragraph_comments") return options.paragraphs;
  return [];
}

function scaleOf(question: ResultsQuestion): RatingScale {
  const options = parseQuestionOptions(question.kind, question.options);
  return options.kind === "rating"
    ? { min: options.min, max: options.max, minLabel: options.minLabel, maxLabel: options.maxLabel }
    : { min: 1, max: 5, minLabel: "", maxLabel: "" };
}

/**
 * The consultation, when the actor convenes its space: the results and exports answer 404 to everyone else,
 * participants included, as for a consultation that does not exist.
 */
export async function requireResults(actor: Actor, consultationId: string) {
  const resource = await loadConsultationResource(actor, consultationId);
  if (!resource || !can(actor, "consultation.review", resource)) notFound();
  const consultation = await db().consultation.findUnique({
    where: { id: resource.consultationId },
    select: {
      id: true,
      spaceId: true,
      audience: true,
      title: true,
      status: true,
      closesAt: true,
      feedbackDueAt: true,
    },
  });
  if (!consultation) notFound();
  return consultation;
}

// ——— SQL (SQLite) ———————————————————————————————————————————————————————————————————————————————————

type AggregateRow = {
  qid: string;
  bucket: string | number | null;
  n: number | bigint;
  rankSum: number | bigint | null;
};

type TextRow = {
  submissionId: string;
  organisationName: string;
  organisationType: string;
  isAggregated: number | bigint | boolean;
  themes: string;
  paragraph: string | number | null;
  text: string | null;
};

type Filter = { theme?: string; type?: string };

/** `$."<question id>"`: the JSON path of a question's answer (ids are cuids; anything else is refused). */
function answerPath(questionId: string) {
  if (!/^[A-Za-z0-9_-]+$/.test(questionId)) throw new Error(`unexpected question id ${questionId}`);
  return `$."${questionId}"`;
}

/** Inputs matching the free-text filters: a theme among the input's themes, an organisation type. */
function filterSql(filter: Filter) {
  const theme = filter.theme
    ? Prisma.sql`AND instr(',' || s."themes" || ',', ${`,${filter.theme},`}) > 0`
    : Prisma.empty;
  const type = filter.type ? Prisma.sql`AND o."type" = ${filter.type}` : Prisma.empty;
  return Prisma.sql`${theme} ${type}`;
}

/**
 * The inputs (`s`) with their latest submitted version (`v`, whose answers the statements read, never
 * s."answers"); the unique (submissionId, version) index makes the join one lookup per input.
 */
const withSubmittedVersion = Prisma.sql`"Submission" s
  JOIN "SubmissionVersion" v ON v."submissionId" = s."id" AND v."version" = s."version"`;

/** The submitted inputs of one consultation. */
const submittedOf = (consultationId: string) =>
  Prisma.sql`s."consultationId" = ${consultationId} AND s."status" = 'submitted'`;

const sqlite = {
  /**
   * The aggregates, in three statements over the submitted inputs (each parses every input's answers once;
   * grouping only what needs grouping keeps the sorts small): how many inputs answered each question (the
   * respond module stores no empty answers, so a present answer is an answer); counts per value of single
   * choices and ratings; counts per element of multiple choices and rankings (with the sum of the 1-based
   * positions, for average ranks; unchosen positions are "") and per paragraph of comments by paragraph.
   */
  async aggregates(consultationId: string, allIds: string[], scalarIds: string[], collectionIds: string[]) {
    const submitted = submittedOf(consultationId);
    const answered = allIds.length
      ? await db().$queryRaw<Record<string, number | bigint | null>[]>`
          SELECT ${Prisma.join(
            allIds.map(
              (id, index) =>
                Prisma.sql`SUM(json_type(v."answers", ${answerPath(id)}) IS NOT NULL) AS ${Prisma.raw(`q${index}`)}`,
            ),
          )}
          FROM ${withSubmittedVersion} WHERE ${submitted}`
      : [];
    const values = scalarIds.length
      ? await db().$queryRaw<AggregateRow[]>`
          SELECT j."key" AS qid, j."value" AS bucket, COUNT(*) AS n, NULL AS rankSum
          FROM ${withSubmittedVersion}, json_each(v."answers") j
          WHERE ${submitted} AND j."key" IN (${Prisma.join(scalarIds)}) AND j."type" IN ('text', 'integer', 'real')
          GROUP BY j."key", j."value"`
      : [];
    const elements = collectionIds.length
      ? await db().$queryRaw<AggregateRow[]>`
          SELECT j."key" AS qid, CASE WHEN j."type" = 'object' THEN e."key" ELSE e."value" END AS bucket,
            COUNT(*) AS n, SUM(CASE WHEN j."type" = 'array' THEN e."key" + 1 ELSE 0 END) AS rankSum
          FROM ${withSubmittedVersion}, json_each(v."answers") j, json_each(j."value") e
          WHERE ${submitted} AND j."key" IN (${Prisma.join(collectionIds)}) AND j."type" IN ('array', 'object')
            AND e."type" = 'text' AND e."value" <> ''
          GROUP BY j."key", bucket`
      : [];
    const counts = answered[0] ?? {};
    return {
      answered: new Map(allIds.map((id, index) => [id, Number(counts[`q${index}`] ?? 0)])),
      buckets: [...values, ...elements],
    };
  },

  /**
   * What the cached results depend on: the number and last change of the consultation's inputs, and the last
   * change of its space's participation (which decides whose drafts are still under way).
   */
  version(consultationId: string, spaceId: string) {
    return db().$queryRaw<{ status: string; n: number | bigint; changed: string | number | Date | null }[]>`
      SELECT s."status" AS status, COUNT(*) AS n, MAX(s."updatedAt") AS changed FROM "Submission" s
      WHERE s."consultationId" = ${consultationId} GROUP BY s."status"
      UNION ALL
      SELECT 'participation' AS status, COUNT(*) AS n, MAX(p."updatedAt") AS changed FROM "SpaceParticipant" p
      WHERE p."spaceId" = ${spaceId}
      ORDER BY status`;
  },

  /** Submitted inputs by organisation type and kind (the organisation's own, or aggregated community input). */
  submittedCounts(consultationId: string) {
    return db().$queryRaw<{ type: string; isAggregated: number | bigint | boolean; n: number | bigint }[]>`
      SELECT o."type" AS type, s."isAggregated" AS isAggregated, COUNT(*) AS n
      FROM "Submission" s JOIN "Organisation" o ON o."id" = s."organisationId"
      WHERE ${submittedOf(consultationId)}
      GROUP BY o."type", s."isAggregated"`;
  },

  /** The distinct theme lists of submitted inputs (few: themes are a short vocabulary). */
  themeLists(consultationId: string) {
    return db().$queryRaw<{ themes: string }[]>`
      SELECT DISTINCT s."themes" AS themes FROM "Submission" s
      WHERE s."consultationId" = ${consultationId} AND s."status" = 'submitted' AND s."themes" <> ''`;
  },

  /**
   * A page of one question's free-text answers, newest input first: one row per input for text questions, one
   * row per comment (in paragraph order) for comments by paragraph; and how many there are in all.
   */
  textAnswers(
    consultationId: string,
    questionId: string,
    byParagraph: boolean,
    filter: Filter,
    limit: number,
    offset: number,
  ) {
    const path = answerPath(questionId);
    const submitted = submittedOf(consultationId);
    const answer = byParagraph
      ? Prisma.sql`, json_each(v."answers", ${path}) c
          WHERE ${submitted}
            AND json_type(v."answers", ${path}) = 'object' AND c."type" = 'text' AND trim(c."value") <> ''`
      : Prisma.sql`
          WHERE ${submitted}
            AND json_type(v."answers", ${path}) = 'text' AND trim(json_extract(v."answers", ${path})) <> ''`;
    const from = Prisma.sql`FROM ${withSubmittedVersion} JOIN "Organisation" o ON o."id" = s."organisationId"
      ${answer} ${filterSql(filter)}`;
    const columns = byParagraph
      ? Prisma.sql`c."key" AS paragraph, c."value" AS text`
      : Prisma.sql`NULL AS paragraph, json_extract(v."answers", ${path}) AS text`;
    const order = byParagraph
      ? Prisma.sql`s."submittedAt" DESC, s."id", CAST(c."key" AS INTEGER)`
      : Prisma.sql`s."submittedAt" DESC, s."id"`;
    return Promise.all([
      db().$queryRaw<TextRow[]>`
        SELECT s."id" AS submissionId, o."name" AS organisationName, o."type" AS organisationType,
          s."isAggregated" AS isAggregated, s."themes" AS themes, ${columns}
        ${from} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      db().$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n ${from}`,
    ]);
  },
};

// ——— Live counts ————————————————————————————————————————————————————————————————————————————————————

export type LiveCounts = {
  /**
   * Every submitted input: each was submitted by an organisation that could answer then (the submit command
   * decides that in its transaction), and stays in the record when the organisation leaves the space later.
   */
  submitted: number;
  /** Of the submitted inputs, those gathered from community members. */
  aggregated: number;
  /** Inputs still being drafted by organisations that may answer now (not by one removed meanwhile). */
  drafts: number;
  /** Submitted inputs per organisation type, most first. */
  byType: { type: string; count: number }[];
};

type CountedConsultation = { id: string; spaceId: string; audience: string };

/** What the conveners watch while the consultation is open: inputs submitted, by organisation type, drafts. */
async function liveCounts(consultation: CountedConsultation): Promise<LiveCounts> {
  const [rows, drafts] = await Promise.all([
    sqlite.submittedCounts(consultation.id),
    db().submission.count({
      where: {
        consultationId: consultation.id,
        status: "draft",
        organisation: answeringOrganisations(consultation),
      },
    }),
  ]);
  const byType = new Map<string, number>();
  const counts: LiveCounts = { submitted: 0, aggregated: 0, drafts, byType: [] };
  for (const row of rows) {
    const n = Number(row.n);
    counts.submitted += n;
    if (Number(row.isAggregated)) counts.aggregated += n;
    byType.set(row.type, (byType.get(row.type) ?? 0) + n);
  }
  counts.byType = [...byType]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return counts;
}

// ——— Aggregates per question ——————————————————————————————————————————————————————————————————————————

type Base = { id: string; position: number; prompt: string; answered: number };

export type QuestionResult =
  | (Base & { kind: "short_text" | "long_text" })
  | (Base & { kind: "single_choice" | "multiple_choice"; options: { label: string; count: number }[] })
  | (Base & {
      kind: "rating";
      scale: RatingScale;
      distribution: { value: number; count: number }[];
      /** The mean rating, to two decimals; null when no one rated. */
      mean: number | null;
    })
  | (Base & {
      kind: "ranking";
      /** Options by average rank, best (lowest) first; `averageRank` is null when no one ranked the option. */
      options: { label: string; averageRank: number | null; count: number }[];
    })
  | (Base & { kind: "paragraph_comments"; paragraphs: { number: number; excerpt: string; count: number }[] });

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/**
 * Per-question aggregates over the submitted inputs: counts per option, the rating distribution and mean, the
 * average rank of each option, comments per paragraph, and how many inputs answered each question.
 */
export async function questionResults(
  consultationId: string,
  questions: ResultsQuestion[],
): Promise<QuestionResult[]> {
  const ids = (kinds: string[]) => questions.filter((q) => kinds.includes(q.kind)).map((q) => q.id);
  const { answered, buckets: rows } = await sqlite.aggregates(
    consultationId,
    questions.map((q) => q.id),
    ids(["single_choice", "rating"]),
    ids(["multiple_choice", "ranking", "paragraph_comments"]),
  );
  const buckets = new Map<string, Map<string, { n: number; rankSum: number }>>();
  for (const row of rows) {
    const found = buckets.get(row.qid) ?? new Map<string, { n: number; rankSum: number }>();
    found.set(String(row.bucket), { n: Number(row.n), rankSum: Number(row.rankSum ?? 0) });
    buckets.set(row.qid, found);
  }

  return questions.map((question): QuestionResult => {
    const base = {
      id: question.id,
      position: question.position,
      prompt: question.prompt,
      answered: answered.get(question.id) ?? 0,
    };
    const found = buckets.get(question.id) ?? new Map<string, { n: number; rankSum: number }>();
    const count = (bucket: string | number) => found.get(String(bucket))?.n ?? 0;
    switch (question.kind) {
      case "single_choice":
      case "multiple_choice":
        return {
          ...base,
          kind: question.kind,
          options: itemsOf(question).map((label) => ({ label, count: count(label) })),
        };
      case "rating": {
        const scale = scaleOf(question);
        const distribution: { value: number; count: number }[] = [];
        for (let value = scale.min; value <= scale.max; value++)
          distribution.push({ value, count: count(value) });
        const total = distribution.reduce((sum, point) => sum + point.count, 0);
        const sum = distribution.reduce((all, point) => all + point.value * point.count, 0);
        return {
          ...base,
          kind: "rating",
          scale,
          distribution,
          mean: total === 0 ? null : twoDecimals(sum / total),
        };
      }
      case "ranking": {
        const options = itemsOf(question).map((label) => {
          const ranked = found.get(label);
          return {
            label,
            count: ranked?.n ?? 0,
            averageRank: ranked ? twoDecimals(ranked.rankSum / ranked.n) : null,
          };
        });
        options.sort((a, b) => (a.averageRank ?? Infinity) - (b.averageRank ?? Infinity));
        return { ...base, kind: "ranking", options };
      }
      case "paragraph_comments":
        return {
          ...base,
          kind: "paragraph_comments",
          paragraphs: itemsOf(question).map((text, index) => ({
            number: index + 1,
            excerpt: excerpt(text),
            count: count(index + 1),
          })),
        };
      default:
        return { ...base, kind: question.kind === "long_text" ? "long_text" : "short_text" };
    }
  });
}

// ——— Free-text answers ———————————————————————————————————————————————————————————————————————————————

const textAnswersPageSize = 50;

/** The free-text filters, read from the results page's GET form; anything malformed is ignored. */
export const resultsFilterSchema = z.object({
  question: z.string().trim().max(40).optional().catch(undefined),
  theme: z.enum(spaceThemes).optional().catch(undefined),
  type: z.enum(organisationTypes).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type TextAnswer = {
  submissionId: string;
  organisationName: string;
  organisationType: string;
  isAggregated: boolean;
  themes: string[];
  /** The paragraph commented on (1-based), for comments by paragraph. */
  paragraph: number | null;
  text: string;
};

const splitThemes = (themes: string) =>
  themes
    .split(",")
    .map((theme) => theme.trim())
    .filter(Boolean);

/** The themes the conveners tagged submitted inputs with, for the filter. */
async function resultThemes(consultationId: string): Promise<string[]> {
  const lists = await sqlite.themeLists(consultationId);
  return [...new Set(lists.flatMap((row) => splitThemes(row.themes)))].sort();
}

/** The questions whose answers are read one by one: short and long text, and comments by paragraph. */
export const isListedQuestion = (question: { kind: string }) => listedKinds.has(question.kind);

/**
 * A page of 50 of one question's free-text answers (for comments by paragraph: of its comments), newest input
 * first, with the answering organisation and its type, filtered by theme and organisation type.
 */
export async function textAnswers(
  consultationId: string,
  question: ResultsQuestion,
  filter: Filter & { page: number },
) {
  const [rows, [count]] = await sqlite.textAnswers(
    consultationId,
    question.id,
    question.kind === "paragraph_comments",
    filter,
    textAnswersPageSize,
    (filter.page - 1) * textAnswersPageSize,
  );
  const total = Number(count?.n ?? 0);
  const answers: TextAnswer[] = rows.map((row) => ({
    submissionId: row.submissionId,
    organisationName: row.organisationName,
    organisationType: row.organisationType,
    isAggregated: Boolean(Number(row.isAggregated)),
    themes: splitThemes(row.themes),
    paragraph: row.paragraph === null ? null : Number(row.paragraph),
    text: String(row.text ?? ""),
  }));
  return {
    answers,
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / textAnswersPageSize)),
  };
}

// ——— The results page, cached by version —————————————————————————————————————————————————————————————————

type Cached = { version: string; value: Promise<unknown> };
const cacheLimit = 200;
const resultsCache = () => singleton("consultation-results", () => new Map<string, Cached>());

/**
 * The aggregates over 10,000 inputs cost the database about 100 ms; the page is read far more often than the
 * inputs change (every convener's open page revalidates on each change). So each computation is kept, in
 * this process, under the version of the inputs it was computed from — how many there are of each status,
 * when the last one changed (submitting a new version, tagging themes or answering an input touches
 * updatedAt; so does saving a draft, which merely computes the same numbers again), the last change of
 * the space's participation (a removal takes that organisation's draft out of the count) and the
 * questions' own versions — and computed again as soon as that version moves. Concurrent readers of one
 * version share one computation.
 */
async function resultsVersion(consultation: CountedConsultation, questions: ResultsQuestion[]) {
  const rows = await sqlite.version(consultation.id, consultation.spaceId);
  return JSON.stringify([
    rows.map((row) => [row.status, Number(row.n), String(row.changed)]),
    questions.map((question) => [question.id, question.updatedAt.getTime()]),
  ]);
}

function cached<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
  const cache = resultsCache();
  const entry = cache.get(key);
  cache.delete(key);
  if (entry && entry.version === version) {
    cache.set(key, entry);
    return entry.value as Promise<T>;
  }
  const value = compute();
  const fresh = { version, value };
  cache.set(key, fresh);
  value.catch(() => {
    if (cache.get(key) === fresh) cache.delete(key);
  });
  for (const oldest of cache.keys()) {
    if (cache.size <= cacheLimit) break;
    cache.delete(oldest);
  }
  return value;
}

/**
 * What the results page shows: the live counts, every question's aggregates, the themes used, and a page of
 * one question's free-text answers (when the consultation has such questions). An organisation that changes
 * its type is counted under the new one from the next change to the inputs.
 */
export async function resultsPage(
  consultation: CountedConsultation,
  questions: ResultsQuestion[],
  listed: ResultsQuestion | undefined,
  filter: Filter & { page: number },
) {
  const consultationId = consultation.id;
  const version = await resultsVersion(consultation, questions);
  const [counts, results, themes, answers] = await Promise.all([
    cached(`${consultationId}:counts`, version, () => liveCounts(consultation)),
    cached(`${consultationId}:aggregates`, version, () => questionResults(consultationId, questions)),
    cached(`${consultationId}:themes`, version, () => resultThemes(consultationId)),
    listed
      ? cached(
          `${consultationId}:answers:${listed.id}:${filter.theme ?? ""}:${filter.type ?? ""}:${filter.page}`,
          version,
          () => textAnswers(consultationId, listed, filter),
        )
      : null,
  ]);
  return { counts, results, themes, answers };
}

// ——— Exports ————————————————————————————————————————————————————————————————————————————————————————

const exportPageSize = 500;

/** The consultation's questions in order, as the results and exports read them. */
export function resultsQuestions(consultationId: string): Promise<ResultsQuestion[]> {
  return db().consultationQuestion.findMany({
    where: { consultationId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, position: true, kind: true, prompt: true, options: true, updatedAt: true },
  });
}

const exportSelect = {
  id: true,
  isAggregated: true,
  version: true,
  submittedAt: true,
  themes: true,
  organisation: { select: { id: true, name: true, type: true } },
  response: { select: { outcome: true, explanation: true, changeMade: true } },
  // What was submitted (the latest version), not the draft the organisation may be revising.
  versions: { orderBy: { version: "desc" }, take: 1, select: { answers: true, aggregatedNote: true } },
} satisfies Prisma.SubmissionSelect;

type ExportRow = Prisma.SubmissionGetPayload<{ select: typeof exportSelect }>;

/** The answers and aggregated note of an input's latest submitted version. */
function submittedVersion(row: ExportRow) {
  const latest = row.versions[0];
  return { answers: parseAnswers(latest?.answers ?? "{}"), aggregatedNote: latest?.aggregatedNote ?? "" };
}

/** Submitted inputs, 500 at a time in id order (keyset paging: each page costs the same). */
async function* submittedPages(consultationId: string): AsyncGenerator<ExportRow[]> {
  let after: string | undefined;
  for (;;) {
    const page = await db().submission.findMany({
      where: { consultationId, status: "submitted", ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: exportPageSize,
      select: exportSelect,
    });
    if (page.length > 0) yield page;
    if (page.length < exportPageSize) return;
    after = page.at(-1)!.id;
  }
}

function parseAnswers(answers: string): Record<string, Answer> {
  try {
    const parsed: unknown = JSON.parse(answers);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, Answer>)
      : {};
  } catch {
    return {};
  }
}

/** An answer as one spreadsheet cell: choices joined with "; ", rankings numbered, comments by paragraph. */
function answerText(question: { kind: string }, answer: Answer | undefined): string {
  if (answer === undefined || answer === null) return "";
  if (question.kind === "multiple_choice" && Array.isArray(answer)) return answer.join("; ");
  if (question.kind === "ranking" && Array.isArray(answer))
    return answer
      .map((option, index) => (option ? `${index + 1}. ${option}` : ""))
      .filter(Boolean)
      .join("; ");
  if (question.kind === "paragraph_comments" && typeof answer === "object" && !Array.isArray(answer))
    return Object.entries(answer)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([paragraph, comment]) => `¶${paragraph}: ${comment}`)
      .join("\n");
  return typeof answer === "string" || typeof answer === "number" ? String(answer) : JSON.stringify(answer);
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A cell a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading '.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (cells: string[]) => `${cells.map(csvCell).join(",")}\r\n`;

/**
 * A byte stream that reads one page of submitted inputs each time the reader asks for more (pull), so an
 * export holds one page in memory however many inputs there are, and a client that goes away stops it.
 */
function pagedStream(
  consultationId: string,
  render: { head: string; page: (rows: ExportRow[], first: boolean) => string; tail: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = submittedPages(consultationId);
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(render.head));
      },
      async pull(controller) {
        const next = await pages.next();
        if (next.done) {
          controller.enqueue(encoder.encode(render.tail));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(render.page(next.value, first)));
        first = false;
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

const csvColumns = ["submission id", "organisation", "type", "aggregated", "version", "submitted at"];

/**
 * All submitted inputs as CSV: a header row (submission id, organisation, type, aggregated, version, submitted
 * at, then one column per question, headed by its number and prompt), then one row per input.
 */
export function csvExport(consultationId: string, questions: ResultsQuestion[]): ReadableStream<Uint8Array> {
  return pagedStream(consultationId, {
    // The byte order mark lets spreadsheet programs read the file as UTF-8 (accents, Arabic).
    head: `\uFEFF${csvLine([...csvColumns, ...questions.map((question, index) => `Q${index + 1}. ${question.prompt}`)])}`,
    page: (rows) =>
      rows
        .map((row) => {
          const { answers } = submittedVersion(row);
          return csvLine([
            row.id,
            row.organisation.name,
            row.organisation.type,
            row.isAggregated ? "yes" : "no",
            String(row.version),
            row.submittedAt?.toISOString() ?? "",
            ...questions.map((question) => answerText(question, answers[question.id])),
          ]);
        })
        .join(""),
    tail: "",
  });
}

/**
 * All submitted inputs as one JSON document: the consultation, its questions, then the inputs with their
 * answers (keyed by question id, in their stored shapes), themes and the response each got.
 */
export function jsonExport(
  consultation: { id: string; title: string; status: string; closesAt: Date; feedbackDueAt: Date },
  questions: ResultsQuestion[],
): ReadableStream<Uint8Array> {
  const head = JSON.stringify({
    consultation: {
      id: consultation.id,
      title: consultation.title,
      status: consultation.status,
      closesAt: consultation.closesAt.toISOString(),
      feedbackDueAt: consultation.feedbackDueAt.toISOString(),
    },
    questions: questions.map((question) => {
      const { kind, ...options } = parseQuestionOptions(question.kind, question.options);
      return { id: question.id, position: question.position, kind, prompt: question.prompt, ...options };
    }),
  });
  return pagedStream(consultation.id, {
    head: `${head.slice(0, -1)},"submissions":[`,
    page: (rows, first) =>
      (first ? "\n" : ",\n") +
      rows
        .map((row) => {
          const { answers, aggregatedNote } = submittedVersion(row);
          return JSON.stringify({
            id: row.id,
            organisation: row.organisation,
            isAggregated: row.isAggregated,
            aggregatedNote,
            version: row.version,
            submittedAt: row.submittedAt?.toISOString() ?? null,
            themes: splitThemes(row.themes),
            answers,
            response: row.response,
          });
        })
        .join(",\n"),
    tail: "\n]}\n",
  });
}

/** A file name for an export: the consultation's title in plain letters, and today's date. */
export function exportFileName(title: string, extension: "csv" | "json", now = new Date()) {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "consultation"}-${now.toISOString().slice(0, 10)}.${extension}`;
}
