import { composeMail, sendMail } from "~/modules/mail/outbox.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isLanguage, type Language } from "~/utils/i18n";

type Contact = { id: string; name: string; contactName: string; contactEmail: string };

/**
 * Tells an organisation's contact about a platform administrator's decision, by the catalogue mail `key`
 * with `contact`, `organisation` and `link` filled in. In the contact's own language if they have an
 * account, otherwise the administrator's (`language`). A mail that cannot be sent does not undo the
 * decision: it is logged and reported (`false`), so the administrator can tell them.
 */
export async function mailOrganisationContact(
  organisation: Contact,
  key: string,
  values: Record<string, string>,
  language: Language,
): Promise<boolean> {
  const contact = await db().person.findUnique({
    where: { email: organisation.contactEmail },
    select: { locale: true },
  });
  const mailLanguage = isLanguage(contact?.locale) ? contact.locale : language;
  const link = new URL(`/organisations/${organisation.id}`, env().PUBLIC_ORIGIN).href;
  const all = { contact: organisation.contactName, organisation: organisation.name, link, ...values };
  try {
    await sendMail({ to: organisation.contactEmail, ...composeMail(mailLanguage, key, all) });
    return true;
  } catch (error) {
    console.error(`The mail ${key} could not be sent`, error);
    return false;
  }
}
