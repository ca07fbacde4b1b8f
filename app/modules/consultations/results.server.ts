import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { organisationTypes } from "~/modules/organisations/schema";
import { spaceThemes } from "~/modules/spaces/schema";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { db } from "~/utils/db.server";
import { databaseProvider } from "~/utils/env.server";
import { notFound } from "~/utils/errors";
import { singleton } from "~/utils/singleton.server";
import { loadConsultationResource } from "./access.server";
import { kindOf, questionResult, type QuestionResult } from "./kinds";
import type { Tally } from "./kinds/kind";
import { answeringOrganisations } from "./audience.server";

/**
 * The results of a consultation for its conveners: live counts, per-question aggregates, the free-text
 * answers and the streamed exports. Everything reads SUBMITTED inputs only, and of each input what was
 * submitted: the answers of its latest SubmissionVersion (version = Submission.version), never
 * Submission.answers, the working draft organisations keep editing after submitting until they submit again.
 * The database counts the answers over their JSON, the way each question's kind asks (`results.tally`), and
 * the kind turns the counts into its aggregate (kinds/). Every SQL statement of the results lives in `sqlite`
 * below (SQLite's json_each / json_extract) and in its twin `postgres` (jsonb_each / jsonb_array_elements WITH
 * ORDINALITY); statements() picks the one for the database in use.
 */

export type ResultsQuestion = {
  id: string;
  position: number;
  kind: string;
  prompt: string;
  options: string;
  updatedAt: Date;
};

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

/*
 * Every column of every raw statement is CAST to the type its row type declares: the better-sqlite3 driver
 * adapter guesses the type of a computed column from its first row, so a column whose first value was a
 * number (a rating) could not hold the text of a later row (a choice) and the whole statement failed. Through
 * the adapter an INTEGER column arrives as a bigint, a TEXT column as a string.
 */

type TallyRow = { qid: string; bucket: string; n: bigint; positionSum: bigint };

type TextRow = {
  submissionId: string;
  organisationName: string;
  organisationType: string;
  isAggregated: bigint;
  themes: string;
  paragraph: bigint | null;
  text: string;
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
   * The counts, in three statements over the submitted inputs (each parses every input's answers once;
   * grouping only what needs grouping keeps the sorts small): how many inputs answered each question (the
   * respond module stores no empty answers, so a present answer is an answer); counts per answer of the
   * questions tallied by answer; counts per item of those tallied by item — per element of a list, with the
   * sum of its 1-based positions (for average ranks; unchosen positions are ""), or per key of an object.
   */
  async aggregates(consultationId: string, allIds: string[], answerIds: string[], itemIds: string[]) {
    const submitted = submittedOf(consultationId);
    const answered = allIds.length
      ? await db().$queryRaw<Record<string, bigint>[]>`
          SELECT ${Prisma.join(
            allIds.map(
              (id, index) =>
                Prisma.sql`CAST(COUNT(json_type(v."answers", ${answerPath(id)})) AS INTEGER) AS ${Prisma.raw(`q${index}`)}`,
            ),
          )}
          FROM ${withSubmittedVersion} WHERE ${submitted}`
      : [];
    const answers = answerIds.length
      ? await db().$queryRaw<TallyRow[]>`
          SELECT CAST(j."key" AS TEXT) AS qid, CAST(j."value" AS TEXT) AS bucket, CAST(COUNT(*) AS INTEGER) AS n,
            CAST(0 AS INTEGER) AS positionSum
          FROM ${withSubmittedVersion}, json_each(v."answers") j
          WHERE ${submitted} AND j."key" IN (${Prisma.join(answerIds)}) AND j."type" IN ('text', 'integer', 'real')
          GROUP BY j."key", j."value"`
      : [];
    const items = itemIds.length
      ? await db().$queryRaw<TallyRow[]>`
          SELECT CAST(j."key" AS TEXT) AS qid,
            CAST(CASE WHEN j."type" = 'object' THEN e."key" ELSE e."value" END AS TEXT) AS bucket,
            CAST(COUNT(*) AS INTEGER) AS n,
            CAST(SUM(CASE WHEN j."type" = 'array' THEN e."key" + 1 ELSE 0 END) AS INTEGER) AS positionSum
          FROM ${withSubmittedVersion}, json_each(v."answers") j, json_each(j."value") e
          WHERE ${submitted} AND j."key" IN (${Prisma.join(itemIds)}) AND j."type" IN ('array', 'object')
            AND e."type" = 'text' AND e."value" <> ''
          GROUP BY j."key", bucket`
      : [];
    const counts = answered[0] ?? {};
    return {
      answered: new Map(allIds.map((id, index) => [id, Number(counts[`q${index}`] ?? 0)])),
      buckets: [...answers, ...items],
    };
  },

  /**
   * What the cached results depend on: the number and last change of the consultation's inputs, and the last
   * change of its space's participation (which decides whose drafts are still under way).
   */
  version(consultationId: string, spaceId: string) {
    return db().$queryRaw<{ status: string; n: bigint; changed: string }[]>`
      SELECT CAST(s."status" AS TEXT) AS status, CAST(COUNT(*) AS INTEGER) AS n,
        CAST(MAX(s."updatedAt") AS TEXT) AS changed
      FROM "Submission" s
      WHERE s."consultationId" = ${consultationId} GROUP BY s."status"
      UNION ALL
      SELECT CAST('participation' AS TEXT) AS status, CAST(COUNT(*) AS INTEGER) AS n,
        CAST(MAX(p."updatedAt") AS TEXT) AS changed
      FROM "SpaceParticipant" p
      WHERE p."spaceId" = ${spaceId}
      ORDER BY status`;
  },

  /** Submitted inputs by organisation type and kind (the organisation's own, or aggregated community input). */
  submittedCounts(consultationId: string) {
    return db().$queryRaw<{ type: string; isAggregated: bigint; n: bigint }[]>`
      SELECT CAST(o."type" AS TEXT) AS type, CAST(s."isAggregated" AS INTEGER) AS isAggregated,
        CAST(COUNT(*) AS INTEGER) AS n
      FROM "Submission" s JOIN "Organisation" o ON o."id" = s."organisationId"
      WHERE ${submittedOf(consultationId)}
      GROUP BY o."type", s."isAggregated"`;
  },

  /** The distinct theme lists of submitted inputs (few: themes are a short vocabulary). */
  themeLists(consultationId: string) {
    return db().$queryRaw<{ themes: string }[]>`
      SELECT DISTINCT CAST(s."themes" AS TEXT) AS themes FROM "Submission" s
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
      ? Prisma.sql`CAST(c."key" AS INTEGER) AS paragraph, CAST(c."value" AS TEXT) AS text`
      : Prisma.sql`CAST(NULL AS INTEGER) AS paragraph, CAST(json_extract(v."answers", ${path}) AS TEXT) AS text`;
    const order = byParagraph
      ? Prisma.sql`s."submittedAt" DESC, s."id", CAST(c."key" AS INTEGER)`
      : Prisma.sql`s."submittedAt" DESC, s."id"`;
    return Promise.all([
      db().$queryRaw<TextRow[]>`
        SELECT CAST(s."id" AS TEXT) AS submissionId, CAST(o."name" AS TEXT) AS organisationName,
          CAST(o."type" AS TEXT) AS organisationType, CAST(s."isAggregated" AS INTEGER) AS isAggregated,
          CAST(s."themes" AS TEXT) AS themes, ${columns}
        ${from} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      db().$queryRaw<{ n: bigint }[]>`SELECT CAST(COUNT(*) AS INTEGER) AS n ${from}`,
    ]);
  },
};

/**
 * The same statements for PostgreSQL, with the same row types, over the answers as jsonb: jsonb_each and
 * jsonb_array_elements WITH ORDINALITY for SQLite's json_each (whose array keys are 0-based positions), `->` /
 * `#>>` for json_extract, BIGINT where SQLite's INTEGER arrives as a bigint, and quoted camelCase aliases
 * (PostgreSQL folds unquoted ones to lower case). Set functions only ever get the JSON type they accept:
 * PostgreSQL raises an error where SQLite's json_each merely yields nothing.
 */
const postgres: typeof sqlite = {
  async aggregates(consultationId, allIds, answerIds, itemIds) {
    const submitted = submittedOf(consultationId);
    const answered = allIds.length
      ? await db().$queryRaw<Record<string, bigint>[]>`
          SELECT ${Prisma.join(
            allIds.map(
              (id, index) =>
                Prisma.sql`CAST(COUNT(v."answers"::jsonb -> ${id}) AS BIGINT) AS ${Prisma.raw(`"q${index}"`)}`,
            ),
          )}
          FROM ${withSubmittedVersion} WHERE ${submitted}`
      : [];
    const answers = answerIds.length
      ? await db().$queryRaw<TallyRow[]>`
          SELECT CAST(j."key" AS TEXT) AS qid, CAST(j."value" #>> '{}' AS TEXT) AS bucket, CAST(COUNT(*) AS BIGINT) AS n,
            CAST(0 AS BIGINT) AS "positionSum"
          FROM ${withSubmittedVersion}, jsonb_each(v."answers"::jsonb) j
          WHERE ${submitted} AND j."key" IN (${Prisma.join(answerIds)}) AND jsonb_typeof(j."value") IN ('string', 'number')
          GROUP BY 1, 2`
      : [];
    const items = itemIds.length
      ? await db().$queryRaw<TallyRow[]>`
          SELECT CAST(j."key" AS TEXT) AS qid,
            CAST(CASE WHEN jsonb_typeof(j."value") = 'object' THEN e."key" ELSE e."value" #>> '{}' END AS TEXT) AS bucket,
            CAST(COUNT(*) AS BIGINT) AS n,
            CAST(SUM(CASE WHEN jsonb_typeof(j."value") = 'array' THEN CAST(e."key" AS INTEGER) + 1 ELSE 0 END) AS BIGINT)
              AS "positionSum"
          FROM ${withSubmittedVersion}, jsonb_each(v."answers"::jsonb) j,
            LATERAL (
              SELECT CAST(a."position" - 1 AS TEXT) AS "key", a."value" FROM jsonb_array_elements(
                CASE WHEN jsonb_typeof(j."value") = 'array' THEN j."value" ELSE '[]'::jsonb END
              ) WITH ORDINALITY a("value", "position")
              UNION ALL
              SELECT o."key", o."value" FROM jsonb_each(
                CASE WHEN jsonb_typeof(j."value") = 'object' THEN j."value" ELSE '{}'::jsonb END
              ) o
            ) e
          WHERE ${submitted} AND j."key" IN (${Prisma.join(itemIds)})
            AND jsonb_typeof(e."value") = 'string' AND e."value" #>> '{}' <> ''
          GROUP BY 1, 2`
      : [];
    const counts = answered[0] ?? {};
    return {
      answered: new Map(allIds.map((id, index) => [id, Number(counts[`q${index}`] ?? 0)])),
      buckets: [...answers, ...items],
    };
  },

  version(consultationId, spaceId) {
    return db().$queryRaw<{ status: string; n: bigint; changed: string }[]>`
      SELECT CAST(s."status" AS TEXT) AS status, CAST(COUNT(*) AS BIGINT) AS n,
        CAST(MAX(s."updatedAt") AS TEXT) AS changed
      FROM "Submission" s
      WHERE s."consultationId" = ${consultationId} GROUP BY s."status"
      UNION ALL
      SELECT CAST('participation' AS TEXT) AS status, CAST(COUNT(*) AS BIGINT) AS n,
        CAST(MAX(p."updatedAt") AS TEXT) AS changed
      FROM "SpaceParticipant" p
      WHERE p."spaceId" = ${spaceId}
      ORDER BY status`;
  },

  submittedCounts(consultationId) {
    return db().$queryRaw<{ type: string; isAggregated: bigint; n: bigint }[]>`
      SELECT CAST(o."type" AS TEXT) AS type, CAST(CAST(s."isAggregated" AS INTEGER) AS BIGINT) AS "isAggregated",
        CAST(COUNT(*) AS BIGINT) AS n
      FROM "Submission" s JOIN "Organisation" o ON o."id" = s."organisationId"
      WHERE ${submittedOf(consultationId)}
      GROUP BY o."type", s."isAggregated"`;
  },

  themeLists: sqlite.themeLists,

  textAnswers(consultationId, questionId, byParagraph, filter, limit, offset) {
    const answerOf = Prisma.sql`(v."answers"::jsonb -> ${questionId})`;
    const submitted = submittedOf(consultationId);
    const answer = byParagraph
      ? Prisma.sql`, jsonb_each(CASE WHEN jsonb_typeof(${answerOf}) = 'object' THEN ${answerOf} ELSE '{}'::jsonb END) c
          WHERE ${submitted} AND jsonb_typeof(c."value") = 'string' AND trim(c."value" #>> '{}') <> ''`
      : Prisma.sql`
          WHERE ${submitted} AND jsonb_typeof(${answerOf}) = 'string' AND trim(${answerOf} #>> '{}') <> ''`;
    const theme = filter.theme
      ? Prisma.sql`AND strpos(',' || s."themes" || ',', ${`,${filter.theme},`}) > 0`
      : Prisma.empty;
    const type = filter.type ? Prisma.sql`AND o."type" = ${filter.type}` : Prisma.empty;
    const from = Prisma.sql`FROM ${withSubmittedVersion} JOIN "Organisation" o ON o."id" = s."organisationId"
      ${answer} ${theme} ${type}`;
    const columns = byParagraph
      ? Prisma.sql`CAST(CAST(c."key" AS INTEGER) AS BIGINT) AS paragraph, CAST(c."value" #>> '{}' AS TEXT) AS text`
      : Prisma.sql`CAST(NULL AS BIGINT) AS paragraph, CAST(${answerOf} #>> '{}' AS TEXT) AS text`;
    const order = byParagraph
      ? Prisma.sql`s."submittedAt" DESC, s."id", CAST(c."key" AS INTEGER)`
      : Prisma.sql`s."submittedAt" DESC, s."id"`;
    return Promise.all([
      db().$queryRaw<TextRow[]>`
        SELECT CAST(s."id" AS TEXT) AS "submissionId", CAST(o."name" AS TEXT) AS "organisationName",
          CAST(o."type" AS TEXT) AS "organisationType",
          CAST(CAST(s."isAggregated" AS INTEGER) AS BIGINT) AS "isAggregated",
          CAST(s."themes" AS TEXT) AS themes, ${columns}
        ${from} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      db().$queryRaw<{ n: bigint }[]>`SELECT CAST(COUNT(*) AS BIGINT) AS n ${from}`,
    ]);
  },
};

/** The statements for the database in use. */
const statements = () => (databaseProvider() === "postgresql" ? postgres : sqlite);

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
    statements().submittedCounts(consultation.id),
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
    if (row.isAggregated === 1n) counts.aggregated += n;
    byType.set(row.type, (byType.get(row.type) ?? 0) + n);
  }
  counts.byType = [...byType]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return counts;
}

// ——— Aggregates per question ——————————————————————————————————————————————————————————————————————————

/**
 * Per-question aggregates over the submitted inputs, each as its kind makes it from the database's counts
 * (counts per option, the rating distribution and mean, the average rank of each option, comments per
 * paragraph…), with how many inputs answered each question.
 */
export async function questionResults(
  consultationId: string,
  questions: ResultsQuestion[],
): Promise<QuestionResult[]> {
  const tallied = (how: "answers" | "items") =>
    questions
      .filter((question) => kindOf(question.kind).results.tally === how)
      .map((question) => question.id);
  const { answered, buckets: rows } = await statements().aggregates(
    consultationId,
    questions.map((question) => question.id),
    tallied("answers"),
    tallied("items"),
  );
  const tallies = new Map<string, Map<string, { count: number; positionSum: number }>>();
  for (const row of rows) {
    const tally = tallies.get(row.qid) ?? new Map<string, { count: number; positionSum: number }>();
    tally.set(row.bucket, { count: Number(row.n), positionSum: Number(row.positionSum) });
    tallies.set(row.qid, tally);
  }
  const none: Tally = new Map();
  return questions.map((question) =>
    questionResult(question, answered.get(question.id) ?? 0, tallies.get(question.id) ?? none),
  );
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

export const splitThemes = (themes: string) =>
  themes
    .split(",")
    .map((theme) => theme.trim())
    .filter(Boolean);

/** The themes the conveners tagged submitted inputs with, for the filter. */
async function resultThemes(consultationId: string): Promise<string[]> {
  const lists = await statements().themeLists(consultationId);
  return [...new Set(lists.flatMap((row) => splitThemes(row.themes)))].sort();
}

/** The questions whose answers are read one by one (short and long text, comments by paragraph). */
export const isListedQuestion = (question: { kind: string }) =>
  kindOf(question.kind).results.listed !== undefined;

/**
 * A page of 50 of one question's free-text answers (for comments by paragraph: of its comments), newest input
 * first, with the answering organisation and its type, filtered by theme and organisation type.
 */
export async function textAnswers(
  consultationId: string,
  question: ResultsQuestion,
  filter: Filter & { page: number },
) {
  const [rows, [count]] = await statements().textAnswers(
    consultationId,
    question.id,
    kindOf(question.kind).results.listed === "comments",
    filter,
    textAnswersPageSize,
    (filter.page - 1) * textAnswersPageSize,
  );
  const total = Number(count?.n ?? 0);
  const answers: TextAnswer[] = rows.map((row) => ({
    submissionId: row.submissionId,
    organisationName: row.organisationName,
    organisationType: row.organisationType,
    isAggregated: row.isAggregated === 1n,
    themes: splitThemes(row.themes),
    paragraph: row.paragraph === null ? null : Number(row.paragraph),
    text: row.text,
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
  const rows = await statements().version(consultation.id, consultation.spaceId);
  return JSON.stringify([
    rows.map((row) => [row.status, Number(row.n), row.changed]),
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

/** The consultation's questions in order, as the results and exports read them. */
export function resultsQuestions(consultationId: string): Promise<ResultsQuestion[]> {
  return db().consultationQuestion.findMany({
    where: { consultationId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, position: true, kind: true, prompt: true, options: true, updatedAt: true },
  });
}
