import { recordAudit } from "~/modules/audit/record.server";
import { hashPassword, isCommonPassword } from "~/modules/auth/password.server";
import type { Actor } from "~/modules/authorization/actor";
import { markEmailConfirmed } from "~/modules/people/confirm-email.server";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { hashLinkToken } from "~/utils/link-token.server";
import { invitationStatus } from "./queries.server";

const refusals = {
  accepted: "invitations.accept.alreadyUsed",
  revoked: "invitations.accept.revoked",
  expired: "invitations.accept.expired",
} as const;

/**
 * Marks the invitation accepted, guarded by the same conditions the page checked: of two people
 * accepting the same link at once, only the first update matches and the second is refused.
 */
async function claim(tx: Tx, token: string, now: Date) {
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { organisation: { select: { name: true } } },
  });
  if (!invitation) throw new DomainError("invitations.accept.unknown");
  const status = invitationStatus(invitation, now);
  if (status !== "pending") throw new DomainError(refusals[status]);
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (count !== 1) throw new DomainError(refusals.accepted);
  return invitation;
}

async function join(
  tx: Tx,
  invitation: Awaited<ReturnType<typeof claim>>,
  personId: string,
  personCreated: boolean,
) {
  const membership = await tx.membership.create({
    data: { personId, organisationId: invitation.organisationId, role: invitation.role },
  });
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: personId } });
  await recordAudit(tx, {
    actorId: personId,
    organisationId: invitation.organisationId,
    action: "invitation.accepted",
    subjectType: "invitation",
    subjectId: invitation.id,
    detail: { email: invitation.email, role: invitation.role, personCreated },
  });
  await recordAudit(tx, {
    actorId: personId,
    organisationId: invitation.organisationId,
    action: "membership.created",
    subjectType: "membership",
    subjectId: membership.id,
    detail: { personId, role: invitation.role, invitationId: invitation.id },
  });
  return { organisationId: invitation.organisationId, organisationName: invitation.organisation.name };
}

/**
 * Someone without an account accepts: creates the person and their membership in one transaction. The
 * invitation reached them by mail, so their address counts as confirmed.
 */
export async function acceptInvitationAsNewPerson({
  token,
  name,
  password,
}: {
  token: string;
  name: string;
  password: string;
}): Promise<{ personId: string; organisationId: string; organisationName: string }> {
  if (isCommonPassword(password)) throw new DomainError("validation.passwordCommon", "password");
  const passwordHash = await hashPassword(password);
  const now = new Date();
  return runCommand(async (tx, emit) => {
    const invitation = await claim(tx, token, now);
    const existing = await tx.person.findUnique({ where: { email: invitation.email }, select: { id: true } });
    if (existing) throw new DomainError("invitations.accept.accountExists");
    const person = await tx.person.create({
      data: { email: invitation.email, name, passwordHash, emailConfirmedAt: now },
    });
    await recordAudit(tx, {
      actorId: person.id,
      action: "person.registered",
      subjectType: "person",
      subjectId: person.id,
      detail: { via: "invitation", invitationId: invitation.id, emailConfirmed: true },
    });
    const joined = await join(tx, invitation, person.id, true);
    emit("membership.changed", { organisationId: joined.organisationId, personId: person.id });
    return { personId: person.id, ...joined };
  });
}

/**
 * A signed-in person accepts an invitation sent to their own address, which confirms the address if it was
 * not yet (someone who registered and never followed the confirmation link).
 */
export async function acceptInvitationAsMember(
  actor: Actor,
  token: string,
): Promise<{ organisationId: string; organisationName: string }> {
  const now = new Date();
  return runCommand(async (tx, emit) => {
    const invitation = await claim(tx, token, now);
    if (invitation.email !== actor.email.toLowerCase())
      throw new DomainError("invitations.accept.wrongPerson");
    const member = await tx.membership.findUnique({
      where: {
        personId_organisationId: { personId: actor.personId, organisationId: invitation.organisationId },
      },
      select: { id: true },
    });
    if (member) throw new DomainError("invitations.accept.alreadyMember");
    await markEmailConfirmed(tx, actor.personId, now, { via: "invitation", invitationId: invitation.id });
    const joined = await join(tx, invitation, actor.personId, false);
    emit("membership.changed", { organisationId: joined.organisationId, personId: actor.personId });
    return joined;
  });
}
