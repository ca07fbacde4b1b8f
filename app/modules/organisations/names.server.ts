import { recordAudit } from "~/modules/audit/record.server";
import { runCommand } from "~/utils/command.server";
import { db, type Tx } from "~/utils/db.server";
import { normaliseName } from "~/utils/names";
import { nameSkeleton } from "./name-skeleton";

/** An organisation's name as every write stores it: normalised, with its look-alike key. */
export function organisationName(name: string): { name: string; nameSkeleton: string } {
  const shown = normaliseName(name);
  return { name: shown, nameSkeleton: nameSkeleton(shown) };
}

/**
 * Whether another organisation (not `exceptId`) has a name, or has asked for a new name, that reads like
 * one with this skeleton. Names waiting for confirmation count, so two organisations cannot both ask for one.
 */
export async function isNameTaken(tx: Tx, skeleton: string, exceptId?: string): Promise<boolean> {
  const lookalike = await tx.organisation.findFirst({
    where: {
      OR: [{ nameSkeleton: skeleton }, { requestedNameSkeleton: skeleton }],
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { id: true },
  });
  return lookalike !== null;
}

/**
 * At start-up, gives organisations stored before names were normalised and keyed (the identity migration)
 * their normalised name and key, oldest first. One whose name reads like an organisation's keyed before
 * it keeps its name and no key, and if it was verified it waits for verification again: a look-alike of
 * another organisation must not carry the badge (ADR 0012). Returns the names of those, for the log.
 */
export async function keyLegacyOrganisationNames(): Promise<string[]> {
  const unkeyed = await db().organisation.findMany({
    where: { nameSkeleton: null },
    select: { id: true, name: true, verificationStatus: true },
    orderBy: { createdAt: "asc" },
  });
  const lookalikes: string[] = [];
  for (const organisation of unkeyed) {
    const keyed = organisationName(organisation.name);
    await runCommand(async (tx, emit) => {
      const original = await tx.organisation.findFirst({
        where: { nameSkeleton: keyed.nameSkeleton },
        select: { id: true },
      });
      if (!original) {
        await tx.organisation.update({ where: { id: organisation.id }, data: keyed });
        return;
      }
      lookalikes.push(organisation.name);
      if (organisation.verificationStatus !== "verified") return;
      await tx.organisation.update({
        where: { id: organisation.id },
        data: { verificationStatus: "pending", verifiedAt: null, verifiedById: null },
      });
      await recordAudit(tx, {
        actorId: null,
        organisationId: organisation.id,
        action: "organisation.verification-withdrawn",
        subjectType: "organisation",
        subjectId: organisation.id,
        detail: { reason: "name-reads-like", organisationId: original.id },
      });
      emit("organisation.verification-changed", { organisationId: organisation.id, status: "pending" });
    });
  }
  return lookalikes;
}
