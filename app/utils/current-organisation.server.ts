import { createCookie } from "@remix-run/node";
import type { Actor } from "~/modules/authorization/actor";

export const currentOrganisationCookie = createCookie("concord_org", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The organisation the person acts for now: the one they picked if they still belong to it, else their first. */
export async function currentOrganisationId(request: Request, actor: Actor): Promise<string | null> {
  const picked: unknown = await currentOrganisationCookie.parse(request.headers.get("Cookie"));
  const memberships = actor.memberships;
  return (
    memberships.find((membership) => membership.organisationId === picked)?.organisationId ??
    memberships[0]?.organisationId ??
    null
  );
}
