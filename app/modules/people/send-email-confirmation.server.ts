import { recordAudit } from "~/modules/audit/record.server";
import { spend } from "~/modules/abuse/limits.server";
import type { Actor } from "~/modules/authorization/actor";
import { composeMail, sendMail } from "~/modules/mail/outbox.server";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isLanguage, type Language } from "~/utils/i18n";
import { hashLinkToken, newLinkToken } from "~/utils/link-token.server";
import { emailConfirmationValidHours } from "./schema";

type Recipient = { id: string; name: string; email: string };

/** Stores the hash of a new single-use token for the person's address, in the caller's transaction; returns the link. */
export async function issueEmailConfirmation(tx: Tx, person: Recipient): Promise<string> {
  const token = newLinkToken();
  await tx.emailConfirmation.create({
    data: {
      personId: person.id,
      email: person.email,
      tokenHash: hashLinkToken(token),
      expiresAt: new Date(Date.now() + emailConfirmationValidHours * 60 * 60 * 1000),
    },
  });
  return new URL(`/confirm-email/${token}`, env().PUBLIC_ORIGIN).href;
}

/**
 * Mails the link. A mail that cannot be sent is logged and reported (`false`): the person can sign in and
 * ask for a new link.
 */
export async function mailEmailConfirmation(person: Recipient, link: string, language: Language) {
  const values = { name: person.name, link, hours: String(emailConfirmationValidHours) };
  try {
    await sendMail({ to: person.email, ...composeMail(language, "registration.mail.confirm", values) });
    return true;
  } catch (error) {
    console.error("The address confirmation mail could not be sent", error);
    return false;
  }
}

/**
 * A signed-in person whose address is not confirmed asks for a new link (a few an hour). Earlier links
 * keep working until they expire. `language` is the page's, unless the person chose their own.
 */
export async function sendEmailConfirmation(actor: Actor, language: Language): Promise<{ mailed: boolean }> {
  await spend([["confirmationMails", actor.personId]]);
  const recipient = { id: actor.personId, name: actor.name, email: actor.email };
  const link = await runCommand(async (tx) => {
    const issued = await issueEmailConfirmation(tx, recipient);
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "person.email-confirmation-sent",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { email: actor.email },
    });
    return issued;
  });
  const mailLanguage = isLanguage(actor.locale) ? actor.locale : language;
  return { mailed: await mailEmailConfirmation(recipient, link, mailLanguage) };
}
