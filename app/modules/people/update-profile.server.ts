import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { followBrowser, type ProfileLanguage } from "./schema";

type UpdateProfileInput = { name: string; language: ProfileLanguage };

/** Saves the person's name and language; following the browser stores no language. */
export async function updateProfile(actor: Actor, { name, language }: UpdateProfileInput) {
  const locale = language === followBrowser ? null : language;
  const changed = [
    ...(name === actor.name ? [] : ["name"]),
    ...(locale === actor.locale ? [] : ["language"]),
  ];
  if (changed.length === 0) return;
  await runCommand(async (tx) => {
    await tx.person.update({ where: { id: actor.personId }, data: { name, locale } });
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "person.profile-updated",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { changed, language: locale },
    });
  });
}
