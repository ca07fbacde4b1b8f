import { spend } from "~/modules/abuse/limits.server";
import { recordAudit } from "~/modules/audit/record.server";
import type { Actor, OrganisationRole } from "~/modules/authorization/actor";
import { composeMail, sendMail } from "~/modules/mail/outbox.server";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { createI18n, isLanguage, type Language } from "~/utils/i18n";
import { hashLinkToken, newLinkToken } from "~/utils/link-token.server";
import { invitationValidDays } from "./schema";

type CreateInvitationInput = {
  organisation: { id: string; name: string };
  email: string;
  role: OrganisationRole;
  /** The inviting admin's language: the mail's language unless the invitee already chose one. */
  language: Language;
};

/**
 * Invites an email address to the organisation: stores the hash of a new token, writes the audit event,
 * then mails the link. Each organisation, and each person across their organisations, may send only so
 * many an hour and a day (modules/abuse/limits.server.ts). A mail that cannot be sent does not undo the
 * invitation: the admin gets the link to pass on (`mailed: false`).
 */
export async function createInvitation(
  actor: Actor,
  { organisation, email, role, language }: CreateInvitationInput,
): Promise<{ link: string; mailed: boolean }> {
  const token = newLinkToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + invitationValidDays * 24 * 60 * 60 * 1000);
  await runCommand(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { organisationId: organisation.id, person: { email } },
      select: { id: true },
    });
    if (member) throw new DomainError("invitations.create.alreadyMember", "email", { email });
    const pending = await tx.invitation.findFirst({
      where: {
        organisationId: organisation.id,
        email,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: now },
      },
      select: { id: true },
    });
    if (pending) throw new DomainError("invitations.create.alreadyInvited", "email", { email });
    await spend([
      ["invitationsPerOrganisation", organisation.id],
      ["invitationsPerPerson", actor.personId],
    ]);
    const invitation = await tx.invitation.create({
      data: {
        organisationId: organisation.id,
        email,
        role,
        tokenHash: hashLinkToken(token),
        invitedById: actor.personId,
        expiresAt,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: organisation.id,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: invitation.id,
      detail: { email, role, expiresAt: expiresAt.toISOString() },
    });
  });

  const link = new URL(`/invitations/${token}`, env().PUBLIC_ORIGIN).href;
  const invitee = await db().person.findUnique({ where: { email }, select: { locale: true } });
  const mailLanguage = isLanguage(invitee?.locale) ? invitee.locale : language;
  const { t } = createI18n(mailLanguage);
  const values = {
    inviter: actor.name,
    organisation: organisation.name,
    role: t(`organisations.roles.${role}`),
    days: String(invitationValidDays),
    link,
  };
  try {
    await sendMail({ to: email, ...composeMail(mailLanguage, "invitations.mail", values) });
    return { link, mailed: true };
  } catch (error) {
    console.error("The invitation mail could not be sent", error);
    return { link, mailed: false };
  }
}
