import type { SpaceResource } from "~/modules/spaces/policy";

/**
 * The convening organisation a person acts for in a space: their current one when it convenes, else the
 * first convening organisation of theirs. Audit events name it.
 */
export function actingConvener(space: SpaceResource, preferredOrganisationId?: string | null): string {
  const convening = space.standings
    .filter((standing) => standing.role === "convener" && standing.status === "active")
    .map((standing) => standing.organisationId);
  const organisationId = convening.find((candidate) => candidate === preferredOrganisationId) ?? convening[0];
  if (!organisationId) throw new Response(null, { status: 403, statusText: "Forbidden" });
  return organisationId;
}

/** A consultation the person manages, as requireConsultation(…, "consultation.manage") returns it. */
export type ManagedConsultation = { consultationId: string; spaceId: string; space: SpaceResource };
