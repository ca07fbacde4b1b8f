import type { Prisma } from "~/generated/prisma/client";
import type { Actor, OrganisationRole } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import type { OrganisationResource } from "~/modules/organisations/policy";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";
import { hashLinkToken, linkTokenPattern } from "~/utils/link-token.server";

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export const invitationsList = keysetList<Prisma.InvitationWhereInput>({
  name: "organisation-invitations",
  pageSize: 100,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

export function invitationStatus(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

/**
 * The invitation a link stands for, or null for a malformed or unknown token. The token is the credential:
 * whoever holds it may learn the organisation and whether the invited address already has an account.
 */
export async function invitationByToken(token: string) {
  if (!linkTokenPattern.test(token)) return null;
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organisation: { select: { id: true, name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const invitee = await db().person.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    ...invitation,
    role: invitation.role as OrganisationRole,
    status: invitationStatus(invitation),
    inviteeHasAccount: invitee !== null,
  };
}

/** The page `url` asks for of an organisation's invitations, newest first; null unless the actor may invite. */
export async function invitationsOf(actor: Actor, organisation: OrganisationResource, url: URL) {
  if (!can(actor, "organisation.invite", organisation)) return null;
  const { rows, links } = await invitationsList.findPage(url, (query) =>
    db().invitation.findMany({
      where: { AND: [{ organisationId: organisation.id }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: {
        id: true,
        email: true,
        role: true,
        createdAt: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        invitedBy: { select: { name: true } },
      },
    }),
  );
  const now = new Date();
  return {
    links,
    invitations: rows.map(({ invitedBy, ...invitation }) => ({
      ...invitation,
      role: invitation.role as OrganisationRole,
      invitedByName: invitedBy.name,
      status: invitationStatus(invitation, now),
    })),
  };
}

/** One invitation of the organisation, or null if it has no such invitation or the actor may not invite. */
export async function invitationOf(actor: Actor, organisation: OrganisationResource, invitationId: string) {
  if (!can(actor, "organisation.invite", organisation)) return null;
  return db().invitation.findFirst({
    where: { id: invitationId, organisationId: organisation.id },
    select: { id: true, email: true, organisationId: true },
  });
}
