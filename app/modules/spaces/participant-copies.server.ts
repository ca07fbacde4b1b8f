import type { Tx } from "~/utils/db.server";

/**
 * A participation row keeps copies of its space's title and its organisation's name, so the directory and the
 * participant list read in their order from one index (docs/decisions/0021-keyset-lists.md). These are the
 * only writers of the copies besides the rows' creation.
 */

/** The copies a new participation row of `spaceId` and `organisationId` starts with. */
export async function participantCopies(tx: Tx, spaceId: string, organisationId: string) {
  const [space, organisation] = await Promise.all([
    tx.space.findUniqueOrThrow({ where: { id: spaceId }, select: { title: true } }),
    tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true } }),
  ]);
  return { spaceTitle: space.title, organisationName: organisation.name };
}

/** After a space's title changed, in the same transaction. */
export function copySpaceTitle(tx: Tx, spaceId: string, title: string) {
  return tx.spaceParticipant.updateMany({ where: { spaceId }, data: { spaceTitle: title } });
}

/** After an organisation's name changed, in the same transaction. */
export function copyOrganisationName(tx: Tx, organisationId: string, name: string) {
  return tx.spaceParticipant.updateMany({ where: { organisationId }, data: { organisationName: name } });
}
