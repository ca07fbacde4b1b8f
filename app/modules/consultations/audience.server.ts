import type { Prisma } from "~/generated/prisma/client";
import { levelsFrom } from "~/modules/engagement/levels";
import { presentStatuses } from "~/modules/participation/queries.server";
import { consultationRules, type ConsultationAudience, type ConsultationRule } from "./policy";

type Consultation = { id: string; spaceId: string; audience: string };

/** The levels at which an organisation taking part in a space may answer its consultations. */
export const answeringLevels = levelsFrom(consultationRules["consultation.draft"].participants.minimum);

/**
 * The organisations that `rule` lets act on the consultation through their place in its space (its
 * participant part, narrowed to the chosen organisations where the rule says so), as a query condition.
 */
function organisationsTakingPart(
  rule: ConsultationRule,
  consultation: Consultation,
): Prisma.OrganisationWhereInput {
  const participants = rule.participants;
  if (!participants) return { id: { in: [] } };
  const standing: Prisma.OrganisationWhereInput = {
    verificationStatus: "verified",
    spaceParticipation: {
      some: {
        spaceId: consultation.spaceId,
        role: "participant",
        status: { in: participants.statuses },
        level: { in: levelsFrom(participants.minimum) },
      },
    },
  };
  const chosen = rule.chosenOnly && (consultation.audience as ConsultationAudience) === "chosen";
  return chosen
    ? { AND: [standing, { consultationAudiences: { some: { consultationId: consultation.id } } }] }
    : standing;
}

/**
 * The organisations that may answer the consultation now ("consultation.draft" of consultationRules), as a
 * query condition for the queries that count them: any verified organisation for a public consultation.
 */
export function answeringOrganisations(consultation: Consultation): Prisma.OrganisationWhereInput {
  const rule: ConsultationRule = consultationRules["consultation.draft"];
  if (consultation.audience === "public" && rule.public !== null) return { verificationStatus: "verified" };
  return organisationsTakingPart(rule, consultation);
}

/**
 * The organisations a consultation is put to, whose people are told when it opens: those that may answer it
 * through their place in the space — for a public consultation, every organisation taking part in the space,
 * which may read it ("consultation.view").
 */
export function audienceOrganisations(consultation: Consultation): Prisma.OrganisationWhereInput {
  const rule = consultation.audience === "public" ? "consultation.view" : "consultation.draft";
  return organisationsTakingPart(consultationRules[rule], consultation);
}

/**
 * A place in the space that makes an organisation a candidate for a "chosen" audience: taking part, or
 * invited to, at a level that may answer. Being chosen lets no one answer who could not (consultationRules).
 */
export function audienceCandidate(spaceId: string): Prisma.SpaceParticipantWhereInput {
  return {
    spaceId,
    role: "participant",
    status: { in: [...presentStatuses] },
    level: { in: answeringLevels },
  };
}

/**
 * The consultations an organisation may answer through its place in their space ("consultation.draft"), as a
 * query condition; public ones count where the organisation takes part in the space, so that its home page
 * lists what is put to it rather than every public consultation.
 */
export function consultationsOpenTo(organisationId: string): Prisma.ConsultationWhereInput {
  const rule: ConsultationRule = consultationRules["consultation.draft"];
  const participants = rule.participants;
  if (!participants) return { id: { in: [] } };
  const takingPart: Prisma.ConsultationWhereInput = {
    space: {
      participants: {
        some: {
          organisationId,
          role: "participant",
          status: { in: participants.statuses },
          level: { in: levelsFrom(participants.minimum) },
        },
      },
    },
    ...(rule.chosenOnly
      ? { OR: [{ audience: { not: "chosen" } }, { audienceOrganisations: { some: { organisationId } } }] }
      : {}),
  };
  if (rule.public === null) return takingPart;
  return {
    OR: [
      takingPart,
      { audience: "public", space: { participants: { some: { organisationId, status: "active" } } } },
    ],
  };
}
