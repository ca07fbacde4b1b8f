import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/modules/authorization/actor";
import { visibleInSpace } from "~/modules/spaces/visibility.server";
import { db } from "~/utils/db.server";
import type { LoadedConsultation } from "./access.server";
import { audienceCandidate } from "./audience.server";
import { questionsLocked } from "./lifecycle";
import { defaultFeedbackDays } from "./schema";

/** A consultation with the dates of its lifecycle, as lists and headers show it (see feedbackLoop). */
const datesSelect = {
  id: true,
  title: true,
  status: true,
  opensAt: true,
  closesAt: true,
  feedbackDueAt: true,
  openedAt: true,
  closedAt: true,
  publishedAt: true,
} satisfies Prisma.ConsultationSelect;

/** What every consultation page shows in its header. */
export async function consultationHeader(consultationId: string) {
  return db().consultation.findUniqueOrThrow({
    where: { id: consultationId },
    select: { ...datesSelect, space: { select: { id: true, title: true } } },
  });
}

/**
 * The consultation's description, audience and dates, for its overview; of the chosen organisations, those
 * whose place in the space the viewer may see (participationVisibility: an invitation stays between the
 * conveners and the invited organisation).
 */
export async function consultationOverview(actor: Actor | null, consultation: LoadedConsultation) {
  const overview = await db().consultation.findUniqueOrThrow({
    where: { id: consultation.consultationId },
    select: {
      id: true,
      spaceId: true,
      title: true,
      purpose: true,
      openToChange: true,
      notOpenToChange: true,
      decision: true,
      decisionMaker: true,
      background: true,
      languages: true,
      audience: true,
      status: true,
      opensAt: true,
      closesAt: true,
      feedbackDueAt: true,
      audienceOrganisations: {
        where: { organisation: visibleInSpace(actor, consultation.space) },
        select: { organisation: { select: { id: true, name: true } } },
        orderBy: { organisation: { name: "asc" } },
      },
      _count: { select: { questions: true } },
    },
  });
  const { audienceOrganisations, _count, ...rest } = overview;
  return {
    ...rest,
    chosenOrganisations: audienceOrganisations.map((row) => row.organisation),
    questionCount: _count.questions,
  };
}

/** The consultation's questions in order, and whether they may still change. */
export async function consultationQuestions(consultationId: string) {
  const [consultation, submitted] = await Promise.all([
    db().consultation.findUniqueOrThrow({
      where: { id: consultationId },
      select: {
        status: true,
        questions: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            position: true,
            kind: true,
            prompt: true,
            help: true,
            required: true,
            options: true,
          },
        },
      },
    }),
    db().submission.count({ where: { consultationId, status: "submitted" } }),
  ]);
  return { questions: consultation.questions, locked: questionsLocked(consultation, submitted) };
}

/**
 * The organisations a convener may put a consultation to (the "chosen" audience): the space's participants
 * (and invited organisations) at a level that may answer.
 */
export async function audienceCandidates(spaceId: string) {
  const participants = await db().spaceParticipant.findMany({
    where: audienceCandidate(spaceId),
    select: { organisation: { select: { id: true, name: true } } },
    orderBy: { organisation: { name: "asc" } },
    take: 500,
  });
  return participants.map((participant) => participant.organisation);
}

/** How many days after closing the space promises feedback at CONSULT. */
export async function promisedFeedbackDays(spaceId: string) {
  const promise = await db().spacePromise.findUnique({
    where: { spaceId_level: { spaceId, level: "CONSULT" } },
    select: { feedbackDays: true },
  });
  return promise?.feedbackDays ?? defaultFeedbackDays;
}

/** Whether one of the person's organisations has an input (draft or submitted) in the consultation. */
export async function hasOwnInput(consultationId: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return false;
  const count = await db().submission.count({
    where: { consultationId, organisationId: { in: organisationIds } },
  });
  return count > 0;
}
