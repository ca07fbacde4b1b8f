import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { copyOrganisationName } from "~/modules/spaces/participant-copies.server";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { isNameTaken, organisationName } from "./names.server";
import { profileColumns } from "./queries.server";
import type { OrganisationProfile } from "./schema";

type ProfileColumns = Omit<OrganisationProfile, "website"> & { website: string | null };
type Change = { from: string | null; to: string | null };

/**
 * Saves an organisation's own profile (allowed while it awaits verification). A verified organisation
 * keeps its name, and its badge with it, until a platform administrator confirms the new one: the new name
 * is stored as requested (ADR 0012); asking for the current name again withdraws the request. The audit
 * event keeps each changed field's old and new value; saving without a change writes nothing.
 */
export async function updateOrganisationProfile(
  actor: Actor,
  organisation: { id: string },
  profile: OrganisationProfile,
): Promise<{ changed: string[]; renameRequested: boolean }> {
  const wanted = organisationName(profile.name);
  const next: ProfileColumns = { ...profile, name: wanted.name, website: profile.website ?? null };
  return runCommand(async (tx) => {
    // Read in the transaction: whether the name needs confirming depends on the status as it is now.
    const current = await tx.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { ...profileColumns, requestedName: true },
    });
    const needsConfirmation = current.verificationStatus === "verified";
    const fields = (Object.keys(next) as (keyof ProfileColumns)[]).filter(
      (field) => !(needsConfirmation && field === "name"),
    );
    const changes: Record<string, Change> = Object.fromEntries(
      fields
        .filter((field) => next[field] !== current[field])
        .map((field) => [field, { from: current[field], to: next[field] }]),
    );
    const requestedName = needsConfirmation && wanted.name !== current.name ? wanted.name : null;
    if (needsConfirmation && requestedName !== current.requestedName) {
      changes.requestedName = { from: current.requestedName, to: requestedName };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { changed, renameRequested: false };

    if ((changes.name || requestedName) && (await isNameTaken(tx, wanted.nameSkeleton, current.id))) {
      throw new DomainError("organisations.edit.nameTaken", "name", { name: wanted.name });
    }
    const request = requestedName
      ? { requestedName, requestedNameSkeleton: wanted.nameSkeleton, nameRequestedAt: new Date() }
      : { requestedName: null, requestedNameSkeleton: null, nameRequestedAt: null };
    // Guarded by the status it was decided on: a verification in between makes this save start again.
    const { count } = await tx.organisation.updateMany({
      where: { id: current.id, verificationStatus: current.verificationStatus },
      data: {
        ...next,
        ...(changes.name ? wanted : { name: current.name }),
        ...(changes.requestedName ? request : {}),
      },
    });
    if (count !== 1) throw new DomainError("organisations.edit.outdated");
    if (changes.name) await copyOrganisationName(tx, current.id, wanted.name);
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: current.id,
      action: "organisation.profile-updated",
      subjectType: "organisation",
      subjectId: current.id,
      detail: { changes },
    });
    return { changed, renameRequested: Boolean(changes.requestedName && requestedName) };
  });
}
