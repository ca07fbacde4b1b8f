import { getActor, requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import {
  loadSpaceResource,
  personRolesOf,
  readSpaceResource,
  requireSpace,
  verifiedMemberships,
} from "~/modules/spaces/access.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { db, type Tx } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors";
import { readForm } from "~/utils/forms.server";
import { oncePerRequest } from "~/utils/request-scope.server";
import {
  consultationToDraftIn,
  type ConsultationAction,
  type ConsultationAudience,
  type ConsultationResource,
} from "./policy";

/** A consultation as can() sees it, with its ids. */
export type LoadedConsultation = ConsultationResource & { consultationId: string; spaceId: string };

/**
 * The consultation as can() sees it for this actor (null: a visitor without an account, who stands nowhere
 * and acts for no organisation), or null when it does not exist.
 */
export function loadConsultationResource(actor: Actor | null, consultationId: string) {
  return oncePerRequest(`consultation:${actor?.personId ?? ""}:${consultationId}`, () =>
    readConsultationResource(actor, consultationId),
  );
}

/**
 * loadConsultationResource's reading; a command passes its transaction `tx` to decide on what the database
 * holds as it writes (an organisation removed a moment ago may no longer answer).
 */
export async function readConsultationResource(
  actor: Actor | null,
  consultationId: string,
  tx?: Tx,
): Promise<LoadedConsultation | null> {
  const consultation = await (tx ?? db()).consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      spaceId: true,
      status: true,
      audience: true,
      audienceOrganisations: { select: { organisationId: true } },
    },
  });
  if (!consultation) return null;
  const space: SpaceResource | null = !actor
    ? { spaceId: consultation.spaceId, standings: [] }
    : tx
      ? await readSpaceResource(actor, consultation.spaceId, tx)
      : await loadSpaceResource(actor, consultation.spaceId);
  if (!space) return null;
  return {
    consultationId: consultation.id,
    spaceId: consultation.spaceId,
    space,
    status: consultation.status,
    audience: consultation.audience as ConsultationAudience,
    chosenOrganisationIds: consultation.audienceOrganisations.map((row) => row.organisationId),
    actorOrganisations: (actor ? verifiedMemberships(actor) : []).map((membership) => ({
      organisationId: membership.organisationId,
      personRoles:
        space.standings.find((standing) => standing.organisationId === membership.organisationId)
          ?.personRoles ?? personRolesOf(membership, undefined),
    })),
  };
}

/**
 * The consultation, when the actor may take `action` on it: one they may not see answers 404 like one that
 * does not exist; one they see but may not act on answers 403.
 */
export async function requireConsultation(
  actor: Actor,
  consultationId: string,
  action: ConsultationAction,
  organisationId?: string,
) {
  const resource = await loadConsultationResource(actor, consultationId);
  if (!resource || !can(actor, "consultation.view", resource)) {
    notFound();
  }
  if (!can(actor, action, { ...resource, organisationId })) {
    forbidden();
  }
  return resource;
}

/**
 * The consultation for its read-only pages (overview, feedback report), which a visitor without an account
 * may open too when can() lets them read it (a public consultation once open). Otherwise a visitor gets
 * 404 for a draft or a consultation that does not exist and is sent to sign in for any other — as every
 * other consultation page does; a signed-in person gets requireConsultation's 404.
 */
export async function readConsultation(request: Request, consultationId: string) {
  const actor = await getActor(request);
  if (actor)
    return { actor, resource: await requireConsultation(actor, consultationId, "consultation.view") };
  const resource = await loadConsultationResource(null, consultationId);
  if (!resource || resource.status === "draft") notFound();
  // No one is signed in, so this sends the visitor to sign in (and back here afterwards).
  if (!can(null, "consultation.view", resource)) await requireActor(request);
  return { actor: null, resource };
}

/** The space to draft a new consultation in, when the actor may (requireSpace's 404, then 403). */
export async function requireSpaceToConsult(actor: Actor, spaceId: string): Promise<SpaceResource> {
  const space = await requireSpace(actor, spaceId, "space.read-updates");
  if (!can(actor, "consultation.build", consultationToDraftIn(space))) forbidden();
  return space;
}

/** A post to one of a consultation's pages: who posts, to which consultation, and the form, read but not parsed. */
export type ConsultationPost = { request: Request; actor: Actor; consultationId: string; formData: FormData };

/** Reads a post to a consultation's page from a signed-in person (its permission is checked after parsing). */
export async function readConsultationPost(
  request: Request,
  consultationId: string | undefined,
): Promise<ConsultationPost> {
  const actor = await requireActor(request);
  return { request, actor, consultationId: consultationId ?? "", formData: await readForm(request) };
}
