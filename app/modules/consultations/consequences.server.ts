import { db } from "~/utils/db.server";
import { audienceOrganisations } from "./audience.server";

type Consultation = { id: string; spaceId: string; audience: string };

/** What opening the consultation does: who is told, and that its questions are then locked. */
export async function openingConsequences(consultation: Consultation) {
  const audience = audienceOrganisations(consultation);
  const [organisations, people, questions] = await Promise.all([
    db().organisation.count({ where: audience }),
    db().membership.count({ where: { organisation: audience } }),
    db().consultationQuestion.count({ where: { consultationId: consultation.id } }),
  ]);
  return { kind: "open" as const, organisations, people, questions };
}

/** What closing it now does: the inputs submitted so far count, the drafts not submitted do not. */
export async function closingConsequences(consultation: Consultation & { closesAt: Date }) {
  const [submitted, drafts] = await Promise.all([
    db().submission.count({ where: { consultationId: consultation.id, status: "submitted" } }),
    db().submission.count({ where: { consultationId: consultation.id, status: "draft" } }),
  ]);
  return { kind: "close" as const, submitted, drafts, early: consultation.closesAt.getTime() > Date.now() };
}

/** What publishing the feedback report does: who may read it, and who is told. */
export async function publicationConsequences(consultation: Consultation) {
  const respondents = { submissions: { some: { consultationId: consultation.id, status: "submitted" } } };
  const [organisations, people] = await Promise.all([
    db().organisation.count({ where: respondents }),
    db().membership.count({ where: { organisation: respondents } }),
  ]);
  return { readers: consultation.audience === "public" ? "public" : "space", organisations, people } as const;
}

const notYetShown = 20;

/**
 * How many of the organisations the consultation is put to have submitted input, and the first of those that
 * have not (by name): the response rate conveners watch while it is open.
 */
export async function responseRate(consultation: Consultation) {
  const audience = audienceOrganisations(consultation);
  const answered = { submissions: { some: { consultationId: consultation.id, status: "submitted" } } };
  const [eligible, responded, notYet] = await Promise.all([
    db().organisation.count({ where: audience }),
    db().organisation.count({ where: { AND: [audience, answered] } }),
    db().organisation.findMany({
      where: { AND: [audience, { NOT: answered }] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: notYetShown,
      select: { id: true, name: true },
    }),
  ]);
  return { eligible, responded, notYet, moreNotYet: Math.max(0, eligible - responded - notYet.length) };
}
