import type { Actor, ActorMembership, VerificationStatus } from "~/modules/authorization/actor";

export type OrganisationResource = { id: string; verificationStatus: VerificationStatus };
/** `requestedName`: the new name a verified organisation asked for, waiting for a platform administrator. */
export type RenamedOrganisationResource = OrganisationResource & { requestedName: string | null };

function membershipOf(actor: Actor, organisationId: string): ActorMembership | undefined {
  return actor.memberships.find((membership) => membership.organisationId === organisationId);
}

function isAdminOf(actor: Actor, organisation: OrganisationResource) {
  return membershipOf(actor, organisation.id)?.role === "admin";
}

/** The organisations part of can(). An organisation that is not verified can do nothing beyond its own profile. */
export const organisationPolicy = {
  "organisation.view": (actor: Actor, organisation: OrganisationResource) =>
    organisation.verificationStatus === "verified" ||
    actor.isPlatformAdmin ||
    membershipOf(actor, organisation.id) !== undefined,
  "organisation.view-members": (actor: Actor, organisation: OrganisationResource) =>
    actor.isPlatformAdmin || membershipOf(actor, organisation.id) !== undefined,
  "organisation.edit-profile": (actor: Actor, organisation: OrganisationResource) =>
    actor.isPlatformAdmin || isAdminOf(actor, organisation),
  "organisation.invite": (actor: Actor, organisation: OrganisationResource) =>
    organisation.verificationStatus === "verified" && isAdminOf(actor, organisation),
  "organisation.see-presence": (actor: Actor, organisation: OrganisationResource) =>
    organisation.verificationStatus === "verified" && membershipOf(actor, organisation.id) !== undefined,
  "organisation.verify": (actor: Actor, organisation: OrganisationResource) =>
    actor.isPlatformAdmin && organisation.verificationStatus !== "verified",
  "organisation.decide-rename": (actor: Actor, organisation: RenamedOrganisationResource) =>
    actor.isPlatformAdmin && organisation.requestedName !== null,
} as const;
