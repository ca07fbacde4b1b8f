import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { db } from "~/utils/db.server";
import { draftBase, readAnswers, readRevisions, validateAnswers } from "./answers";
import { acceptsInput } from "./lifecycle";
import type { LoadedConsultation } from "./access.server";

const versionsShown = 50;

/**
 * The "Our input" page: the questions, and for each of the viewer's organisations that may answer (or has
 * answered) — the one they act for now first — its shared draft, its aggregated-input draft and the
 * versions it submitted. Only the viewer's own organisations' inputs are read.
 */
export async function ourInput(
  actor: Actor,
  consultation: LoadedConsultation,
  currentOrganisationId: string | null,
) {
  const row = await db().consultation.findUniqueOrThrow({
    where: { id: consultation.consultationId },
    select: {
      status: true,
      closesAt: true,
      questions: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, prompt: true, help: true, required: true, options: true },
      },
    },
  });
  const questions = row.questions;
  const organisationIds = consultation.actorOrganisations.map((organisation) => organisation.organisationId);
  const submissions = await db().submission.findMany({
    where: { consultationId: consultation.consultationId, organisationId: { in: organisationIds } },
    select: {
      id: true,
      organisationId: true,
      isAggregated: true,
      answers: true,
      aggregatedNote: true,
      answerRevisions: true,
      draftRevision: true,
      status: true,
      version: true,
      submittedAt: true,
      versions: {
        orderBy: { version: "desc" },
        take: versionsShown,
        select: {
          version: true,
          answers: true,
          aggregatedNote: true,
          submittedAt: true,
          submittedBy: { select: { name: true } },
        },
      },
    },
  });

  const input = (organisationId: string, aggregated: boolean) => {
    const submission = submissions.find(
      (candidate) => candidate.organisationId === organisationId && candidate.isAggregated === aggregated,
    );
    const answers = readAnswers(questions, JSON.parse(submission?.answers ?? "{}")).answers;
    const aggregatedNote = submission?.aggregatedNote ?? "";
    const revisions = readRevisions(submission?.answerRevisions ?? "{}");
    return {
      aggregated,
      answers,
      aggregatedNote,
      /** Who last changed each answer, and when. */
      revisions,
      base: draftBase(questions, answers, aggregatedNote, revisions),
      draftRevision: submission?.draftRevision ?? 0,
      /** What is still missing or wrong before it can be submitted. */
      incomplete: Object.keys(validateAnswers(questions, answers, "submit")).length > 0,
      version: submission?.version ?? 0,
      submittedAt: submission?.submittedAt ?? null,
      versions: (submission?.versions ?? []).map((version) => ({
        version: version.version,
        submittedAt: version.submittedAt,
        submittedBy: version.submittedBy.name,
        answers: readAnswers(questions, JSON.parse(version.answers)).answers,
        aggregatedNote: version.aggregatedNote,
      })),
    };
  };

  const names = new Map(
    actor.memberships.map((membership) => [membership.organisationId, membership.organisationName]),
  );
  const organisations = organisationIds
    .map((organisationId) => ({
      organisationId,
      name: names.get(organisationId) ?? "",
      mayDraft: can(actor, "consultation.draft", { ...consultation, organisationId }),
      maySubmit: can(actor, "consultation.submit", { ...consultation, organisationId }),
      own: input(organisationId, false),
      aggregated: input(organisationId, true),
    }))
    .filter(
      (organisation) =>
        organisation.mayDraft ||
        submissions.some((submission) => submission.organisationId === organisation.organisationId),
    )
    .sort(
      (a, b) =>
        Number(b.organisationId === currentOrganisationId) -
        Number(a.organisationId === currentOrganisationId),
    );

  return {
    acceptsInput: acceptsInput(row),
    status: row.status,
    closesAt: row.closesAt,
    questions,
    organisations,
  };
}

/** The questions answers are checked against, for a form post. */
export function questionsToAnswer(consultationId: string) {
  return db().consultationQuestion.findMany({
    where: { consultationId },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, required: true, options: true },
  });
}
