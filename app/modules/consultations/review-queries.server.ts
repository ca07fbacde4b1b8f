import type { Actor } from "~/modules/authorization/actor";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";
import { storedAnswers } from "./answers";
import { answerTextOf } from "./kinds";
import type { Tally } from "./kinds/kind";
import { responseOutcomes, reviewPageSize, type ResponseOutcome, type ReviewFilter } from "./review-schema";
import { facets, readTallies } from "./tallies.server";

/** One answer of an input in its text form (kinds/: the same as in the CSV export). */
export type AnswerView = { questionId: string; prompt: string; text: string };

type QuestionRow = { id: string; kind: string; prompt: string; options: string };

/** Each question's text form, options read once for the page. */
const textForms = (questions: QuestionRow[]) =>
  questions.map((question) => ({ question, text: answerTextOf(question) }));

function answersOf(questions: ReturnType<typeof textForms>, json: string): AnswerView[] {
  const answers = storedAnswers(json);
  return questions.flatMap(({ question, text }) => {
    const shown = text(answers[question.id]);
    return shown === "" ? [] : [{ questionId: question.id, prompt: question.prompt, text: shown }];
  });
}

const inputSelect = {
  id: true,
  isAggregated: true,
  version: true,
  themes: true,
  submittedAt: true,
  organisation: { select: { id: true, name: true, type: true } },
  // What was submitted (the latest version), never the draft the organisation may be revising.
  versions: { orderBy: { version: "desc" }, take: 1, select: { answers: true, aggregatedNote: true } },
  response: {
    select: {
      id: true,
      outcome: true,
      explanation: true,
      changeMade: true,
      _count: { select: { submissions: true } },
    },
  },
} satisfies Prisma.SubmissionSelect;

type InputRow = Prisma.SubmissionGetPayload<{ select: typeof inputSelect }>;

/** An input as the review page and the report show it: its latest submitted answers and its response. */
function inputView(questions: ReturnType<typeof textForms>, row: InputRow) {
  const latest = row.versions[0];
  return {
    id: row.id,
    organisation: row.organisation,
    isAggregated: row.isAggregated,
    aggregatedNote: latest?.aggregatedNote ?? "",
    version: row.version,
    submittedAt: row.submittedAt,
    themes: row.themes ? row.themes.split(",") : [],
    answers: answersOf(questions, latest?.answers ?? "{}"),
    response: row.response
      ? {
          id: row.response.id,
          outcome: row.response.outcome as ResponseOutcome,
          explanation: row.response.explanation,
          changeMade: row.response.changeMade,
          sharedBy: row.response._count.submissions,
        }
      : null,
  };
}
export type InputView = ReturnType<typeof inputView>;

function questionsOf(consultationId: string) {
  return db().consultationQuestion.findMany({
    where: { consultationId },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, prompt: true, options: true },
  });
}

/** How many submitted inputs the consultation has, and how many of them have a response (from its tallies). */
export async function responseCoverage(consultationId: string) {
  const tallies = await readTallies(consultationId, [facets.type, facets.outcome]);
  return { inputs: sum(tallies.get(facets.type)), answered: sum(tallies.get(facets.outcome)) };
}

const sum = (tally: Tally | undefined) =>
  [...(tally?.values() ?? [])].reduce((total, bucket) => total + bucket.count, 0);

/** The submitted inputs in the order they came in: the review page's list and the report's. */
const inputOrder = [
  { field: "submittedAt", order: "asc", type: "date" },
  { field: "id", order: "asc", type: "string" },
] as const;
const reviewList = keysetList<Prisma.SubmissionWhereInput>({
  name: "review-inputs",
  pageSize: reviewPageSize,
  keys: inputOrder,
});
const reportList = keysetList<Prisma.SubmissionWhereInput>({
  name: "report-inputs",
  pageSize: 50,
  keys: inputOrder,
});

/** One page of submitted inputs, the one `url`'s cursor names (the first without one). */
async function inputPage(
  list: typeof reviewList,
  consultationId: string,
  where: Prisma.SubmissionWhereInput,
  url: URL,
) {
  const filter = { consultationId, status: "submitted", ...where };
  const [page, questions] = await Promise.all([
    list.findPage(url, (query) =>
      db().submission.findMany({
        where: { AND: [filter, query.where] },
        orderBy: query.orderBy,
        take: query.take,
        select: inputSelect,
      }),
    ),
    questionsOf(consultationId),
  ]);
  const forms = textForms(questions);
  return { links: page.links, inputs: page.rows.map((row) => inputView(forms, row)) };
}

/** The submitted inputs for the conveners' review (the route has checked "consultation.review"), a page at a time. */
export function inputsForReview(consultationId: string, filter: ReviewFilter, url: URL) {
  return inputPage(reviewList, consultationId, filter.show === "unanswered" ? { responseId: null } : {}, url);
}

/** The most changes the report's summary lists; it says how many more there are. */
const changesShown = 100;

/**
 * The published feedback report: every input next to its response (a page at a time), how many inputs got
 * each outcome (from the tallies), and the changes made.
 */
export async function feedbackReport(consultationId: string, url: URL) {
  const changed = {
    consultationId,
    changeMade: { not: "" },
    submissions: { some: { status: "submitted" } },
  } satisfies Prisma.ConsultationResponseWhereInput;
  const [details, inputs, tallies, changes, changesTotal] = await Promise.all([
    db().consultation.findUniqueOrThrow({
      where: { id: consultationId },
      select: { publishedAt: true, decision: true, decisionMaker: true },
    }),
    inputPage(reportList, consultationId, {}, url),
    readTallies(consultationId, [facets.type, facets.outcome]),
    db().consultationResponse.findMany({
      where: changed,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: changesShown,
      select: { id: true, outcome: true, changeMade: true, _count: { select: { submissions: true } } },
    }),
    db().consultationResponse.count({ where: changed }),
  ]);
  const outcomes = tallies.get(facets.outcome);
  const outcomeCounts = Object.fromEntries(
    responseOutcomes.map((outcome) => [outcome, outcomes?.get(outcome)?.count ?? 0]),
  ) as Record<ResponseOutcome, number>;
  return {
    ...details,
    ...inputs,
    total: sum(tallies.get(facets.type)),
    outcomeCounts,
    changes: changes.map((change) => ({
      id: change.id,
      outcome: change.outcome as ResponseOutcome,
      changeMade: change.changeMade,
      inputs: change._count.submissions,
    })),
    changesTotal,
  };
}

/** The most consultations the organisation page lists. */
const organisationInputsShown = 100;

/**
 * "Our consultation inputs", for members of the organisation only (null for anyone else): each input it
 * submitted with the response to it once the feedback is published, and how many of its inputs got an
 * answer across all consultations.
 */
export async function organisationInputs(actor: Actor, organisationId: string) {
  if (!actor.memberships.some((membership) => membership.organisationId === organisationId)) return null;
  const where = { organisationId, status: "submitted" } satisfies Prisma.SubmissionWhereInput;
  const [total, answered, rows] = await Promise.all([
    db().submission.count({ where }),
    db().submission.count({
      where: { ...where, responseId: { not: null }, consultation: { status: "published" } },
    }),
    db().submission.findMany({
      where,
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      take: organisationInputsShown,
      select: {
        id: true,
        isAggregated: true,
        consultation: {
          select: {
            id: true,
            title: true,
            status: true,
            feedbackDueAt: true,
            space: { select: { title: true } },
          },
        },
        response: { select: { outcome: true, explanation: true, changeMade: true } },
      },
    }),
  ]);
  return {
    total,
    answered,
    inputs: rows.map((row) => {
      const published = row.consultation.status === "published";
      return {
        id: row.id,
        isAggregated: row.isAggregated,
        consultation: {
          id: row.consultation.id,
          title: row.consultation.title,
          space: row.consultation.space.title,
          feedbackDueAt: row.consultation.feedbackDueAt.toISOString(),
          published,
          daysOverdue: published ? null : daysPast(row.consultation.feedbackDueAt),
        },
        // A response is the conveners' work in progress until they publish the feedback.
        response:
          published && row.response
            ? { ...row.response, outcome: row.response.outcome as ResponseOutcome }
            : null,
      };
    }),
  };
}

/** Whole days since `date`, or null while it has not passed. */
function daysPast(date: Date, now = Date.now()) {
  return now > date.getTime()
    ? Math.max(1, Math.floor((now - date.getTime()) / (24 * 60 * 60 * 1000)))
    : null;
}
