import { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/utils/db.server";
import { storedAnswers } from "./answers";
import { contributionOf } from "./kinds";
import type { Tally } from "./kinds/kind";

/**
 * The results computed on write (ADR 0022). Every command that changes what the results count — a submission
 * or revision, a theme tag, a response — updates the consultation's tallies (ResultTally) and listed answers
 * (ListedAnswer) in its own transaction, and moves the consultation's `resultsVersion`; the results page
 * reads a few dozen tally rows and one page of listed answers however many inputs there are.
 *
 * A tally row counts submitted inputs: per question (its id as `subject`), those that answered it (bucket
 * `answeredBucket`) and those in each bucket its kind's `results.tally` names (an option, a rating value, a
 * paragraph; with the sum of the ranks for a ranking); per input facet (`facets`), those of each organisation
 * type, of aggregated community input, with each theme, with each outcome.
 */

/** The subjects of the input facets; a question's subject is its id (a cuid, never starting with "@"). */
export const facets = {
  type: "@type",
  aggregated: "@aggregated",
  theme: "@theme",
  outcome: "@outcome",
} as const;

/** The bucket of a question's count of answers, and of the count of aggregated inputs: no option, value or paragraph is "". */
export const answeredBucket = "";

export type TallyRow = { subject: string; bucket: string; count: number; positionSum: number };

export type CountedQuestion = { id: string; kind: string; options: string };

/** One submitted version of an input, as the results count it. */
export type CountedInput = {
  /** The version's answers, as stored (JSON). */
  answers: string;
  organisationType: string;
  isAggregated: boolean;
  themes: string[];
  outcome: string | null;
};

/** One listed answer of an input: the text of a text answer (paragraph 0), or one comment on a paragraph. */
export type ListedRow = { questionId: string; paragraph: number; text: string };

/** Changes to a consultation's tallies, summed by subject and bucket before they are written. */
export class TallyChanges {
  readonly #rows = new Map<string, TallyRow>();

  add(subject: string, bucket: string, count: number, positionSum = 0) {
    const key = `${subject}\u0000${bucket}`;
    const row = this.#rows.get(key) ?? { subject, bucket, count: 0, positionSum: 0 };
    row.count += count;
    row.positionSum += positionSum;
    this.#rows.set(key, row);
  }

  /** The changes that change something, in one order (so concurrent writers lock rows alike). */
  rows(): TallyRow[] {
    return [...this.#rows.values()]
      .filter((row) => row.count !== 0 || row.positionSum !== 0)
      .sort((a, b) =>
        a.subject === b.subject ? compare(a.bucket, b.bucket) : compare(a.subject, b.subject),
      );
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Counts inputs of one consultation's questions: `add` puts what one input adds to the results into `changes`
 * (with `sign` -1, takes it out again) and returns its listed answers.
 */
export function inputCounter(questions: CountedQuestion[]) {
  const contributions = questions.map((question) => ({ id: question.id, of: contributionOf(question) }));
  return (changes: TallyChanges, input: CountedInput, sign: 1 | -1): ListedRow[] => {
    changes.add(facets.type, input.organisationType, sign);
    if (input.isAggregated) changes.add(facets.aggregated, answeredBucket, sign);
    for (const theme of input.themes) changes.add(facets.theme, theme, sign);
    if (input.outcome) changes.add(facets.outcome, input.outcome, sign);
    const answers = storedAnswers(input.answers);
    const listed: ListedRow[] = [];
    for (const { id, of } of contributions) {
      const contribution = of(answers[id]);
      if (!contribution.answered) continue;
      changes.add(id, answeredBucket, sign);
      for (const entry of contribution.tally)
        changes.add(id, entry.bucket, sign, sign * (entry.position ?? 0));
      for (const text of contribution.listed) listed.push({ questionId: id, ...text });
    }
    return listed;
  };
}

/** The themes as a listed answer keeps them, so that `contains: ",housing,"` finds one whole theme. */
export const listedThemes = (themes: string[]) => (themes.length ? `,${themes.join(",")},` : "");

/** Rows per INSERT: well under either database's limit of bound parameters. */
const rowsPerStatement = 200;

/**
 * Adds the changes to the tallies: one upsert per 200 rows, the same statement on SQLite and PostgreSQL (each
 * row's counts are added to what is there, so concurrent writers never lose each other's counts).
 */
async function writeTallies(tx: Tx, consultationId: string, changes: TallyChanges) {
  const rows = changes.rows();
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const values = rows
      .slice(start, start + rowsPerStatement)
      .map(
        (row) =>
          Prisma.sql`(${consultationId}, ${row.subject}, ${row.bucket}, ${row.count}, ${row.positionSum})`,
      );
    await tx.$executeRaw`
      INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("consultationId", "subject", "bucket") DO UPDATE SET
        "count" = "ResultTally"."count" + excluded."count",
        "positionSum" = "ResultTally"."positionSum" + excluded."positionSum"`;
  }
}

/**
 * Moves the consultation's results version. Every writer of its results does this first, so they take the
 * consultation's row lock in turn (PostgreSQL) before any tally row: no two of them wait on each other's
 * tallies. Raw, so that the consultation's own `updatedAt` stays the time it was last edited.
 */
async function moveResultsVersion(tx: Tx, consultationId: string) {
  await tx.$executeRaw`UPDATE "Consultation" SET "resultsVersion" = "resultsVersion" + 1 WHERE "id" = ${consultationId}`;
}

/**
 * The results after an input's new version was submitted (Submission.version points at it): what the
 * previous version added comes out, the new one goes in, and its listed answers replace the previous ones.
 * The new version is counted, and recorded, under the organisation's type of now.
 */
export async function countSubmittedVersion(tx: Tx, submissionId: string, previousVersion: number) {
  const submission = await tx.submission.findUniqueOrThrow({
    where: { id: submissionId },
    select: {
      consultationId: true,
      isAggregated: true,
      themes: true,
      version: true,
      submittedAt: true,
      organisation: { select: { type: true } },
      response: { select: { outcome: true } },
    },
  });
  await moveResultsVersion(tx, submission.consultationId);
  const questions = await tx.consultationQuestion.findMany({
    where: { consultationId: submission.consultationId },
    select: { id: true, kind: true, options: true },
  });
  const versions = await tx.submissionVersion.findMany({
    where: { submissionId, version: { in: [previousVersion, submission.version] } },
    select: { version: true, answers: true, organisationType: true, submittedAt: true },
  });
  const latest = versions.find((version) => version.version === submission.version);
  if (!latest) throw new Error(`Submission ${submissionId} has no version ${submission.version}`);
  const previous = versions.find((version) => version.version === previousVersion && version !== latest);
  const organisationType = submission.organisation.type;
  await tx.submissionVersion.update({
    where: { submissionId_version: { submissionId, version: submission.version } },
    data: { organisationType },
  });

  const themes = splitThemes(submission.themes);
  const input = (version: { answers: string; organisationType: string }): CountedInput => ({
    answers: version.answers,
    organisationType: version.organisationType,
    isAggregated: submission.isAggregated,
    themes,
    outcome: submission.response?.outcome ?? null,
  });
  const count = inputCounter(questions);
  const changes = new TallyChanges();
  if (previous) count(changes, input(previous), -1);
  const listed = count(changes, input({ answers: latest.answers, organisationType }), 1);
  await writeTallies(tx, submission.consultationId, changes);

  await tx.listedAnswer.deleteMany({ where: { submissionId } });
  const submittedAt = submission.submittedAt ?? latest.submittedAt;
  await tx.listedAnswer.createMany({
    data: listed.map((row) => ({
      ...row,
      submissionId,
      submittedAt,
      organisationType,
      themes: listedThemes(themes),
    })),
  });
}

/** The results after a submitted input's themes changed from `before` to `after`. */
export async function countThemes(
  tx: Tx,
  consultationId: string,
  submissionId: string,
  before: string[],
  after: string[],
) {
  await moveResultsVersion(tx, consultationId);
  const changes = new TallyChanges();
  for (const theme of before) changes.add(facets.theme, theme, -1);
  for (const theme of after) changes.add(facets.theme, theme, 1);
  await writeTallies(tx, consultationId, changes);
  await tx.listedAnswer.updateMany({ where: { submissionId }, data: { themes: listedThemes(after) } });
}

/** The results after submitted inputs got a response: each one's outcome, from the one it had (if any). */
export async function countOutcomes(
  tx: Tx,
  consultationId: string,
  answered: { from: string | null; to: string }[],
) {
  await moveResultsVersion(tx, consultationId);
  const changes = new TallyChanges();
  for (const { from, to } of answered) {
    if (from) changes.add(facets.outcome, from, -1);
    changes.add(facets.outcome, to, 1);
  }
  await writeTallies(tx, consultationId, changes);
}

export const splitThemes = (themes: string) =>
  themes
    .split(",")
    .map((theme) => theme.trim())
    .filter(Boolean);

/** A consultation's tallies by subject: each a Tally of its buckets that count at least one input. */
export type Tallies = ReadonlyMap<string, Tally>;

/** Reads a consultation's tallies (of the subjects named, or all): one range of their primary key each. */
export async function readTallies(consultationId: string, subjects?: string[]): Promise<Tallies> {
  const rows = await db().resultTally.findMany({
    where: { consultationId, count: { gt: 0 }, ...(subjects ? { subject: { in: subjects } } : {}) },
    select: { subject: true, bucket: true, count: true, positionSum: true },
  });
  const tallies = new Map<string, Map<string, { count: number; positionSum: number }>>();
  for (const row of rows) {
    const tally = tallies.get(row.subject) ?? new Map<string, { count: number; positionSum: number }>();
    tally.set(row.bucket, { count: row.count, positionSum: row.positionSum });
    tallies.set(row.subject, tally);
  }
  return tallies;
}
