import type { Actor } from "~/modules/authorization/actor";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { storedAnswers } from "./answers";
import { answerTextOf } from "./kinds";
import { responseOutcomes, reviewPageSize, type ResponseOutcome, type ReviewFilter } from "./review-schema";

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

/** How many submitted inputs the consultation has, and how many of them have a response. */
export async function responseCoverage(consultationId: string) {
  const [inputs, answered] = await Promise.all([
    db().submission.count({ where: { consultationId, status: "submitted" } }),
    db().submission.count({ where: { consultationId, status: "submitted", responseId: { not: null } } }),
  ]);
  return { inputs, answered };
}

async function inputPage(consultationId: string, where: Prisma.SubmissionWhereInput, page: number) {
  const filter = { consultationId, status: "submitted", ...where };
  const [total, questions] = await Promise.all([
    db().submission.count({ where: filter }),
    questionsOf(consultationId),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / reviewPageSize));
  const current = Math.min(page, pageCount);
  const rows = await db().submission.findMany({
    where: filter,
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    skip: (current - 1) * reviewPageSize,
    take: reviewPageSize,
    select: inputSelect,
  });
  const forms = textForms(questions);
  return { total, page: current, pageCount, inputs: rows.map((row) => inputView(forms, row)) };
}

/** The submitted inputs for the conveners' review (the route has checked "consultation.manage"), a page at a time. */
export function inputsForReview(consultationId: string, filter: ReviewFilter) {
  return inputPage(consultationId, filter.show === "unanswered" ? { responseId: null } : {}, filter.page);
}

/** The most changes the report's summary lists; it says how many more there are. */
const changesShown = 100;

/**
 * The published feedback report: every input next to its response (a page at a time), how many inputs got
 * each outcome, and the changes made.
 */
export async function feedbackReport(consultationId: string, page: number) {
  const [details, inputs, outcomes, changes, changesTotal] = await Promise.all([
    db().consultation.findUniqueOrThrow({
      where: { id: consultationId },
      select: { publishedAt: true, decision: true, decisionMaker: true },
    }),
    inputPage(consultationId, {}, page),
    db().submission.groupBy({
      by: ["responseId"],
      where: { consultationId, status: "submitted", responseId: { not: null } },
      _count: { _all: true },
    }),
    db().consultationResponse.findMany({
      where: { consultationId, changeMade: { not: "" }, submissions: { some: { status: "submitted" } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: changesShown,
      select: { id: true, outcome: true, changeMade: true, _count: { select: { submissions: true } } },
    }),
    db().consultationResponse.count({
      where: { consultationId, changeMade: { not: "" }, submissions: { some: { status: "submitted" } } },
    }),
  ]);
  const responses = await db().consultationResponse.findMany({
    where: { id: { in: outcomes.flatMap((row) => (row.responseId ? [row.responseId] : [])) } },
    select: { id: true, outcome: true },
  });
  const outcomeOf = new Map(responses.map((response) => [response.id, response.outcome]));
  const outcomeCounts = Object.fromEntries(responseOutcomes.map((outcome) => [outcome, 0])) as Record<
    ResponseOutcome,
    number
  >;
  for (const row of outcomes) {
    const outcome = outcomeOf.get(row.responseId ?? "") as ResponseOutcome | undefined;
    if (outcome && Object.hasOwn(outcomeCounts, outcome)) outcomeCounts[outcome] += row._count._all;
  }
  return {
    ...details,
    ...inputs,
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
