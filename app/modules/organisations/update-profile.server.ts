import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import type { ViewedOrganisation } from "./queries.server";
import type { OrganisationProfile } from "./schema";

type ProfileColumns = Omit<OrganisationProfile, "website"> & { website: string | null };

/**
 * Saves an organisation's own profile (allowed while it awaits verification). The audit event keeps
 * each changed field's old and new value; saving without a change writes nothing.
 */
export async function updateOrganisationProfile(
  actor: Actor,
  organisation: ViewedOrganisation,
  profile: OrganisationProfile,
): Promise<{ changed: string[] }> {
  const next: ProfileColumns = { ...profile, website: profile.website ?? null };
  const changes = Object.fromEntries(
    (Object.keys(next) as (keyof ProfileColumns)[])
      .filter((field) => next[field] !== organisation[field])
      .map((field) => [field, { from: organisation[field], to: next[field] }]),
  );
  const changed = Object.keys(changes);
  if (changed.length === 0) return { changed };
  await runCommand(async (tx) => {
    if (changes.name) {
      // lower() on both sides, as registration compares names: the same on SQLite and PostgreSQL.
      const sameName = await tx.$queryRaw<{ id: string }[]>`
        SELECT CAST("id" AS TEXT) AS id FROM "Organisation"
        WHERE lower("name") = lower(${next.name}) AND "id" <> ${organisation.id} LIMIT 1`;
      if (sameName.length > 0) {
        throw new DomainError("organisations.edit.nameTaken", "name", { name: next.name });
      }
    }
    await tx.organisation.update({ where: { id: organisation.id }, data: next });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: organisation.id,
      action: "organisation.profile-updated",
      subjectType: "organisation",
      subjectId: organisation.id,
      detail: { changes },
    });
  });
  return { changed };
}
