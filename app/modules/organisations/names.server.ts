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
 * Gives organisations stored before names had look-alike keys (the 20261201 migration) their key, at
 * start-up. Returns the names that read like one already keyed: they keep none, and an administrator
 * should rename one of them.
 */
export async function fillMissingNameSkeletons(): Promise<string[]> {
  const unkeyed = await db().organisation.findMany({
    where: { nameSkeleton: null },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  const clashes: string[] = [];
  for (const organisation of unkeyed) {
    const skeleton = nameSkeleton(organisation.name);
    const taken = await db().organisation.findFirst({
      where: { nameSkeleton: skeleton },
      select: { id: true },
    });
    if (taken) clashes.push(organisation.name);
    else await db().organisation.update({ where: { id: organisation.id }, data: { nameSkeleton: skeleton } });
  }
  return clashes;
}
