import type { Actor } from "~/modules/authorization/actor";
import {
  allows,
  convenerLeads,
  type PersonRole,
  type SpaceResource,
  type SpaceRule,
} from "~/modules/spaces/policy";
import type { ConsultationStatus } from "./lifecycle";

export type ConsultationAudience = "participants" | "chosen" | "public";

/**
 * A consultation as can() sees it: its space (the actor's standings in it), its state and audience, and the
 * actor's verified organisations with what the person is in each. `organisationId` narrows the question to
 * acting for that organisation.
 */
export type ConsultationResource = {
  space: SpaceResource;
  status: string;
  audience: ConsultationAudience;
  chosenOrganisationIds: string[];
  /**
   * The actor's verified organisations, with the person's roles in each: in the space when it stands there
   * (a delegate, a lead delegate), else within the organisation (an admin, a member).
   */
  actorOrganisations: { organisationId: string; personRoles: PersonRole[] }[];
  organisationId?: string;
};

/**
 * A rule of the same shape as the space's (conveners by role; participants by level, status and role), and
 * what a consultation adds: participants (and the public) may take the action only while the consultation is
 * in one of `statuses` (conveners in any); with the "chosen" audience, `chosenOnly` narrows the participants
 * who may to the chosen organisations' — a chosen organisation is never let in by being chosen, only kept out
 * by not being; with the "public" audience, `public` says who else may: "anyone" (no account needed), the
 * people holding one of these roles in any verified organisation, or no one more.
 */
export type ConsultationRule = SpaceRule & {
  statuses: ConsultationStatus[];
  chosenOnly: boolean;
  public: "anyone" | PersonRole[] | null;
};

const everyone: PersonRole[] = ["admin", "lead-delegate", "delegate", "member"];
const published: ConsultationStatus[] = ["open", "closed", "published"];
/** A row for conveners only. */
const conveners = (by: PersonRole[]): Omit<ConsultationRule, "summary"> => ({
  conveners: by,
  participants: null,
  statuses: [],
  chosenOnly: false,
  public: null,
});

/**
 * The consultation rows of the engagement matrix (docs/engagement-matrix.md is generated from them too). The
 * conveners' leads (their admins and the delegates they name for the space) put a consultation to its audience
 * and publish the feedback; everyone in a convening organisation drafts it and reviews the inputs.
 */
export const consultationRules = {
  "consultation.view": {
    conveners: everyone,
    participants: { minimum: "INFORM", by: everyone, statuses: ["active"] },
    statuses: published,
    chosenOnly: false,
    public: "anyone",
    summary: "read the consultation once it is open (the conveners: its draft too) and its feedback report",
  },
  "consultation.build": {
    ...conveners(everyone),
    summary: "draft a consultation: its description, audience, dates and questions",
  },
  "consultation.open": {
    ...conveners(convenerLeads),
    summary: "open the consultation to its audience, and close it",
  },
  "consultation.review": {
    ...conveners(everyone),
    summary: "follow the results, export the inputs, tag them and write the responses",
  },
  "consultation.publish-feedback": {
    ...conveners(convenerLeads),
    summary: "publish the feedback report, telling every organisation that gave input",
  },
  "consultation.draft": {
    conveners: null,
    participants: { minimum: "CONSULT", by: everyone, statuses: ["active"] },
    statuses: ["open"],
    chosenOnly: true,
    public: everyone,
    summary: "work on the organisation's shared draft input",
  },
  "consultation.submit": {
    conveners: null,
    participants: { minimum: "CONSULT", by: ["admin", "lead-delegate"], statuses: ["active"] },
    statuses: ["open"],
    chosenOnly: true,
    public: ["admin", "lead-delegate"],
    summary: "submit the organisation's input on its behalf, and revise it while the consultation is open",
  },
} satisfies Record<string, ConsultationRule>;

export type ConsultationAction = keyof typeof consultationRules;

/** A consultation about to be drafted in the space, for can(actor, "consultation.build", …) before it exists. */
export function consultationToDraftIn(space: SpaceResource): ConsultationResource {
  return {
    space,
    status: "draft",
    audience: "participants",
    chosenOrganisationIds: [],
    actorOrganisations: [],
  };
}

/** Whether the rule lets the organisation's people (with `personRoles`) act for it, besides as conveners. */
function organisationMay(
  rule: ConsultationRule,
  resource: ConsultationResource,
  { organisationId, personRoles }: ConsultationResource["actorOrganisations"][number],
): boolean {
  if (!(rule.statuses as string[]).includes(resource.status)) return false;
  const standing = resource.space.standings.find(
    (candidate) => candidate.organisationId === organisationId && candidate.role === "participant",
  );
  const kept = rule.chosenOnly && resource.audience === "chosen";
  if (
    standing &&
    allows(rule, standing) &&
    (!kept || resource.chosenOrganisationIds.includes(organisationId))
  )
    return true;
  return (
    resource.audience === "public" &&
    rule.public !== null &&
    (rule.public === "anyone" || personRoles.some((role) => (rule.public as PersonRole[]).includes(role)))
  );
}

function decide(action: ConsultationAction) {
  const rule: ConsultationRule = consultationRules[action];
  return (_actor: Actor, resource: ConsultationResource) => {
    const concerned = (organisationId: string) =>
      resource.organisationId === undefined || resource.organisationId === organisationId;
    return (
      resource.space.standings.some(
        (standing) =>
          standing.role === "convener" && concerned(standing.organisationId) && allows(rule, standing),
      ) ||
      resource.actorOrganisations.some(
        (organisation) =>
          concerned(organisation.organisationId) && organisationMay(rule, resource, organisation),
      )
    );
  };
}

/** The consultations part of can(). */
export const consultationPolicy = Object.fromEntries(
  Object.keys(consultationRules).map((action) => [action, decide(action as ConsultationAction)]),
) as { [A in ConsultationAction]: (actor: Actor, resource: ConsultationResource) => boolean };

/**
 * What a visitor without an account may do (can() with no actor): what the table lets "anyone" do with a
 * public consultation — read it once open and, once published, its feedback report.
 */
export const anonymousConsultationPolicy = Object.fromEntries(
  Object.entries(consultationRules as Record<ConsultationAction, ConsultationRule>)
    .filter(([, rule]) => rule.public === "anyone")
    .map(([action, rule]) => [
      action,
      (resource: ConsultationResource) =>
        resource.audience === "public" && (rule.statuses as string[]).includes(resource.status),
    ]),
) as { [A in ConsultationAction]?: (resource: ConsultationResource) => boolean };
