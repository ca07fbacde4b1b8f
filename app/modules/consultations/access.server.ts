import { getActor, requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { oncePerRequest } from "~/utils/request-scope.server";
import type { ConsultationAudience, ConsultationResource } from "./policy";

type ConsultationAction =
  "consultation.view" | "consultation.manage" | "consultation.draft" | "consultation.submit";

/**
 * The consultation as can() sees it for this actor (null: a visitor without an account, who stands nowhere
 * and acts for no organisation), or null when it does not exist.
 */
export function loadConsultationResource(actor: Actor | null, consultationId: string) {
  return oncePerRequest(`consultation:${actor?.personId ?? ""}:${consultationId}`, async () => {
    const consultation = await db().consultation.findUnique({
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
    const space: SpaceResource | null = actor
      ? await loadSpaceResource(actor, consultation.spaceId)
      : { spaceId: consultation.spaceId, standings: [] };
    if (!space) return null;
    const resource: ConsultationResource & { consultationId: string; spaceId: string } = {
      consultationId: consultation.id,
      spaceId: consultation.spaceId,
      space,
      status: consultation.status,
      audience: consultation.audience as ConsultationAudience,
      chosenOrganisationIds: consultation.audienceOrganisations.map((row) => row.organisationId),
      actorOrganisations: (actor?.memberships ?? [])
        .filter((membership) => membership.organisationStatus === "verified")
        .map((membership) => ({
          organisationId: membership.organisationId,
          isAdmin: membership.role === "admin",
        })),
    };
    return resource;
  });
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
    throw new Response(null, { status: 404, statusText: "Not Found" });
  }
  if (!can(actor, action, { ...resource, organisationId })) {
    throw new Response(null, { status: 403, statusText: "Forbidden" });
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
