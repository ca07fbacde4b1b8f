import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import type { Language } from "~/utils/i18n";

export async function setPreferredLanguage(actor: Actor, language: Language) {
  if (actor.locale === language) return;
  await runCommand(async (tx) => {
    await tx.person.update({ where: { id: actor.personId }, data: { locale: language } });
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "person.language-changed",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { language },
    });
  });
}
