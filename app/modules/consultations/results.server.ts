import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { organisationTypes } from "~/modules/organisations/schema";
import { spaceThemes } from "~/modules/spaces/schema";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { countUpTo, keysetList, type PageLinks } from "~/utils/keyset.server";
import { singleton } from "~/utils/singleton.server";
import { loadConsultationResource } from "./access.server";
import { answeringOrganisations } from "./audience.server";
import { kindOf, questionResult, type QuestionResult } from "./kinds";
import type { Tally } from "./kinds/kind";
import { answeredBucket, facets, readTallies, splitThemes, type Tallies } from "./tallies.server";

/**
 * The results of a consultation for its conveners: live counts, per-question aggregates and the free-text
 * answers, all read from what the commands keep as they write (tallies.server.ts, ADR 0022) — never by
 * going over the submissions. Everything counts SUBMITTED inputs only, and of each input its latest
 * submitted version, never the draft organisations keep editing after submitting.
 */

export type ResultsQuestion = { id: string; position: number; kind: string; prompt: string; options: string };

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
      resultsVersion: true,
    },
  });
  if (!consultation) notFound();
  return consultation;
}

/** The consultation's questions in order, as the results and exports read them. */
export function resultsQuestions(consultationId: string): Promise<ResultsQuestion[]> {
  return db().consultationQuestion.findMany({
    where: { consultationId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, position: true, kind: true, prompt: true, options: true },
  });
}

// ——— Tallies, kept per results version ——————————————————————————————————————————————————————————————————

type VersionedConsultation = { id: string; resultsVersion: number };

const cacheLimit = 200;
const talliesCache = () =>
  singleton("consultation-tallies", () => new Map<string, { version: number; tallies: Promise<Tallies> }>());

/**
 * The consultation's tallies as of its results version (read with the consultation, so knowing whether the
 * copy kept in this process is fresh costs nothing): each version is read once and shared by every reader.
 */
function talliesAt(consultation: VersionedConsultation): Promise<Tallies> {
  const cache = talliesCache();
  const kept = cache.get(consultation.id);
  cache.delete(consultation.id);
  if (kept && kept.version === consultation.resultsVersion) {
    cache.set(consultation.id, kept);
    return kept.tallies;
  }
  const entry = { version: consultation.resultsVersion, tallies: readTallies(consultation.id) };
  cache.set(consultation.id, entry);
  entry.tallies.catch(() => {
    if (cache.get(consultation.id) === entry) cache.delete(consultation.id);
  });
  for (const oldest of cache.keys()) {
    if (cache.size <= cacheLimit) break;
    cache.delete(oldest);
  }
  return entry.tallies;
}

const none: Tally = new Map();
const sum = (tally: Tally) => [...tally.values()].reduce((total, bucket) => total + bucket.count, 0);

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
  /** Submitted inputs per organisation type (as of their latest version), most first. */
  byType: { type: string; count: number }[];
};

type CountedConsultation = { id: string; spaceId: string; audience: string };

/**
 * What the conveners watch while the consultation is open: inputs submitted, by organisation type, from the
 * tallies; and the drafts under way, counted now (a removal from the space takes a draft out at once), over
 * the drafts alone.
 */
async function liveCounts(consultation: CountedConsultation, tallies: Tallies): Promise<LiveCounts> {
  const drafts = await db().submission.count({
    where: {
      consultationId: consultation.id,
      status: "draft",
      organisation: answeringOrganisations(consultation),
    },
  });
  const byType = [...(tallies.get(facets.type) ?? none)]
    .map(([type, { count }]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return {
    submitted: sum(tallies.get(facets.type) ?? none),
    aggregated: tallies.get(facets.aggregated)?.get(answeredBucket)?.count ?? 0,
    drafts,
    byType,
  };
}

// ——— Aggregates per question ——————————————————————————————————————————————————————————————————————————

/** Each question's aggregate, as its kind makes it from the question's tally. */
function aggregates(questions: ResultsQuestion[], tallies: Tallies): QuestionResult[] {
  return questions.map((question) => {
    const tally = tallies.get(question.id) ?? none;
    return questionResult(question, tally.get(answeredBucket)?.count ?? 0, tally);
  });
}

/**
 * Per-question aggregates over the submitted inputs (counts per option, the rating distribution and mean,
 * the average rank of each option, comments per paragraph…), with how many inputs answered each question.
 */
export async function questionResults(
  consultationId: string,
  questions: ResultsQuestion[],
): Promise<QuestionResult[]> {
  return aggregates(questions, await readTallies(consultationId));
}

// ——— Free-text answers ———————————————————————————————————————————————————————————————————————————————

/** The free-text filters, read from the results page's GET form; anything malformed is ignored. */
export const resultsFilterSchema = z.object({
  question: z.string().trim().max(40).optional().catch(undefined),
  theme: z.enum(spaceThemes).optional().catch(undefined),
  type: z.enum(organisationTypes).optional().catch(undefined),
});
type Filter = Omit<z.infer<typeof resultsFilterSchema>, "question">;

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

/** The questions whose answers are read one by one (short and long text, comments by paragraph). */
export const isListedQuestion = (question: { kind: string }) =>
  kindOf(question.kind).results.listed !== undefined;

/** Newest input first, an input's comments in paragraph order: the order of the listed answers' index. */
const listedAnswers = keysetList<Prisma.ListedAnswerWhereInput>({
  name: "results-answers",
  pageSize: 50,
  keys: [
    { field: "submittedAt", order: "desc", type: "date" },
    { field: "submissionId", order: "desc", type: "string" },
    { field: "paragraph", order: "asc", type: "number" },
  ],
});

/** Filtered counts stop here and say "1,000+": counting every match of a filter would go over them all. */
const filteredCountCap = 1_000;

export type TextAnswersPage = {
  answers: TextAnswer[];
  links: PageLinks;
  /** How many answers (comments) there are in all, or at least. */
  total: { count: number; more: boolean };
};

/**
 * A page of 50 of one question's free-text answers (for comments by paragraph: of its comments), newest input
 * first, with the answering organisation and its type, filtered by theme and organisation type (the page
 * after or before the one `url`'s cursor names). Unfiltered, the total comes from the tallies.
 */
export async function textAnswers(
  question: ResultsQuestion,
  filter: Filter,
  url: URL,
  tallies?: Tallies,
): Promise<TextAnswersPage> {
  const where: Prisma.ListedAnswerWhereInput = {
    questionId: question.id,
    ...(filter.type ? { organisationType: filter.type } : {}),
    ...(filter.theme ? { themes: { contains: `,${filter.theme},` } } : {}),
  };
  const filtered = Boolean(filter.type || filter.theme);
  const [page, total] = await Promise.all([
    listedAnswers.findPage(url, (query) =>
      db().listedAnswer.findMany({
        where: { AND: [where, query.where] },
        orderBy: query.orderBy,
        take: query.take,
        select: {
          submissionId: true,
          paragraph: true,
          text: true,
          submittedAt: true,
          organisationType: true,
          themes: true,
          submission: { select: { isAggregated: true, organisation: { select: { name: true } } } },
        },
      }),
    ),
    filtered || !tallies
      ? countUpTo(filteredCountCap, (take) => db().listedAnswer.count({ where, take }))
      : { count: listedTotal(question, tallies), more: false },
  ]);
  const comments = kindOf(question.kind).results.listed?.as === "comments";
  return {
    answers: page.rows.map((row) => ({
      submissionId: row.submissionId,
      organisationName: row.submission.organisation.name,
      organisationType: row.organisationType,
      isAggregated: row.submission.isAggregated,
      themes: splitThemes(row.themes),
      paragraph: comments ? row.paragraph : null,
      text: row.text,
    })),
    links: page.links,
    total,
  };
}

/** How many answers of a listed question there are: the inputs that answered it, or the comments made. */
function listedTotal(question: ResultsQuestion, tallies: Tallies) {
  const tally = tallies.get(question.id) ?? none;
  if (kindOf(question.kind).results.listed?.as !== "comments") return tally.get(answeredBucket)?.count ?? 0;
  return [...tally].reduce(
    (total, [bucket, { count }]) => (bucket === answeredBucket ? total : total + count),
    0,
  );
}

// ——— The results page ———————————————————————————————————————————————————————————————————————————————

/**
 * What the results page shows: the live counts, every question's aggregates, the themes inputs are tagged
 * with, and a page of one question's free-text answers (when the consultation has such questions).
 */
export async function resultsPage(
  consultation: CountedConsultation & VersionedConsultation,
  questions: ResultsQuestion[],
  listed: ResultsQuestion | undefined,
  filter: Filter,
  url: URL,
) {
  const tallies = await talliesAt(consultation);
  const [counts, answers] = await Promise.all([
    liveCounts(consultation, tallies),
    listed ? textAnswers(listed, filter, url, tallies) : null,
  ]);
  const themes = [...(tallies.get(facets.theme) ?? none).keys()].sort();
  return { counts, results: aggregates(questions, tallies), themes, answers };
}
