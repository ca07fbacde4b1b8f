import { anonymousConsultationPolicy, consultationPolicy } from "~/modules/consultations/policy";
import { organisationPolicy } from "~/modules/organisations/policy";
import { mayConveneSpaces, spacePolicy } from "~/modules/spaces/policy";
import type { Actor } from "./actor";

const platformPolicy = {
  "platform.administer": (actor: Actor, _resource: null) => actor.isPlatformAdmin,
  /** Create a space convened by the organisation (the person's current one). */
  "space.create": mayConveneSpaces,
} as const;

const policies = { ...organisationPolicy, ...spacePolicy, ...consultationPolicy, ...platformPolicy };

export type Action = keyof typeof policies;
export type ResourceOf<A extends Action> = Parameters<(typeof policies)[A]>[1];

/** The few actions a visitor without an account may take; everything else is refused to no one signed in. */
const anonymousPolicies: { [A in Action]?: (resource: ResourceOf<A>) => boolean } = {
  ...anonymousConsultationPolicy,
};

/**
 * The one permission decision of Concord: routes, the UI and socket room joins all ask it.
 * Pure: no I/O, everything it needs is in the actor and the resource.
 */
export function can<A extends Action>(actor: Actor | null, action: A, resource: ResourceOf<A>): boolean {
  if (!actor) {
    const anonymousRule = anonymousPolicies[action] as ((resource: ResourceOf<A>) => boolean) | undefined;
    return anonymousRule ? anonymousRule(resource) : false;
  }
  const rule = policies[action] as (actor: Actor, resource: ResourceOf<A>) => boolean;
  return rule(actor, resource);
}

/**
 * The organisation a person acts for when taking `action` on `resource`: `preferred` (the one they picked as
 * current) when can() lets them act for it, else the first of `organisationIds` that does; null when none does.
 */
export function actingOrganisation<A extends Action>(
  actor: Actor,
  action: A,
  resource: ResourceOf<A>,
  organisationIds: string[],
  preferred?: string | null,
): string | null {
  const candidates =
    preferred && organisationIds.includes(preferred)
      ? [preferred, ...organisationIds.filter((id) => id !== preferred)]
      : organisationIds;
  return (
    candidates.find((organisationId) =>
      can(actor, action, { ...resource, organisationId } as ResourceOf<A>),
    ) ?? null
  );
}

export const actions = Object.keys(policies) as Action[];
