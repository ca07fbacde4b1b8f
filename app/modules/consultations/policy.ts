import type { Actor } from "~/modules/authorization/actor";
import { atLeast } from "~/modules/engagement/levels";
import type { SpaceResource, SpaceStanding } from "~/modules/spaces/policy";

export type ConsultationAudience = "participants" | "chosen" | "public";

/**
 * A consultation as can() sees it: its space (the actor's standings in it), its state and audience, and the
 * actor's organisations that may answer it (verified ones, for a public consultation). `organisationId`
 * narrows the question to acting for that organisation.
 */
export type ConsultationResource = {
  space: SpaceResource;
  status: string;
  audience: ConsultationAudience;
  chosenOrganisationIds: string[];
  /** The actor's verified organisations, with whether the person is an admin of each. */
  actorOrganisations: { organisationId: string; isAdmin: boolean }[];
  organisationId?: string;
};

function isConvener(resource: ConsultationResource) {
  return resource.space.standings.some(
    (standing) => standing.role === "convener" && standing.status === "active",
  );
}

function activeStanding(resource: ConsultationResource, organisationId: string): SpaceStanding | undefined {
  return resource.space.standings.find(
    (standing) =>
      standing.organisationId === organisationId &&
      standing.role === "participant" &&
      standing.status === "active",
  );
}

/** May this organisation answer the consultation at all (whoever in it acts)? */
function organisationMayAnswer(resource: ConsultationResource, organisationId: string): boolean {
  if (resource.audience === "public") return true;
  const standing = activeStanding(resource, organisationId);
  if (resource.audience === "chosen") return resource.chosenOrganisationIds.includes(organisationId);
  return standing?.level !== null && standing !== undefined && atLeast(standing.level!, "CONSULT");
}

function answering(
  resource: ConsultationResource,
  mayAct: (organisationId: string, isAdmin: boolean) => boolean,
) {
  if (resource.status !== "open") return false;
  return resource.actorOrganisations.some(
    ({ organisationId, isAdmin }) =>
      (resource.organisationId === undefined || resource.organisationId === organisationId) &&
      organisationMayAnswer(resource, organisationId) &&
      mayAct(organisationId, isAdmin),
  );
}

function roles(resource: ConsultationResource, organisationId: string) {
  return activeStanding(resource, organisationId)?.personRoles ?? [];
}

/**
 * What a visitor without an account may do (can() with no actor): read a public consultation once it is open
 * — its overview and, once published, its feedback report. Every other action needs an account.
 */
export const anonymousConsultationPolicy = {
  "consultation.view": (resource: ConsultationResource) =>
    resource.audience === "public" && resource.status !== "draft",
} as const;

/** The consultations part of can(). */
export const consultationPolicy = {
  /** Drafts are the conveners'; once open, everyone who sees the space (or anyone, when public) reads it. */
  "consultation.view": (_actor: Actor, resource: ConsultationResource) =>
    isConvener(resource) ||
    (resource.status !== "draft" &&
      (resource.audience === "public" ||
        resource.space.standings.some((standing) => standing.status === "active") ||
        resource.chosenOrganisationIds.some((id) =>
          resource.actorOrganisations.some((organisation) => organisation.organisationId === id),
        ))),
  "consultation.manage": (_actor: Actor, resource: ConsultationResource) => isConvener(resource),
  /** Any member of an organisation that may answer works on its shared draft. */
  "consultation.draft": (_actor: Actor, resource: ConsultationResource) => answering(resource, () => true),
  /** The lead delegate submits; an organisation admin may too (outside the space there are no delegates). */
  "consultation.submit": (_actor: Actor, resource: ConsultationResource) =>
    answering(
      resource,
      (organisationId, isAdmin) => isAdmin || roles(resource, organisationId).includes("lead-delegate"),
    ),
} as const;
