import { atLeast, type Level } from "~/modules/engagement/levels";
import type { Tx } from "~/utils/db.server";

export type ChannelReader = {
  personId: string;
  name: string;
  organisationId: string;
  organisationName: string;
};

/**
 * Everyone who may read the space's channels, by the rows of "space.read-channel": the people of its active
 * convening organisations, and the admins and delegates of its active participants at INVOLVE and above —
 * verified organisations only, as loadSpaceResource counts them.
 */
export async function channelReaders(tx: Tx, spaceId: string): Promise<ChannelReader[]> {
  const participations = await tx.spaceParticipant.findMany({
    where: { spaceId, status: "active", organisation: { verificationStatus: "verified" } },
    select: {
      organisationId: true,
      role: true,
      level: true,
      organisation: {
        select: {
          name: true,
          memberships: { select: { personId: true, role: true, person: { select: { name: true } } } },
        },
      },
    },
  });
  const delegates = await tx.spaceDelegate.findMany({
    where: { spaceId },
    select: { organisationId: true, personId: true },
  });
  const delegated = new Set(delegates.map((row) => `${row.organisationId}:${row.personId}`));
  const readers: ChannelReader[] = [];
  for (const participation of participations) {
    const convening = participation.role === "convener";
    if (!convening && !(participation.level && atLeast(participation.level as Level, "INVOLVE"))) continue;
    for (const membership of participation.organisation.memberships)
      if (
        convening ||
        membership.role === "admin" ||
        delegated.has(`${participation.organisationId}:${membership.personId}`)
      )
        readers.push({
          personId: membership.personId,
          name: membership.person.name,
          organisationId: participation.organisationId,
          organisationName: participation.organisation.name,
        });
  }
  return readers;
}

function mentions(body: string, name: string): boolean {
  const at = body.toLocaleLowerCase().indexOf(`@${name.toLocaleLowerCase()}`);
  if (at < 0 || name.trim() === "") return false;
  const after = body.charAt(at + name.length + 1);
  return after === "" || !/[\p{L}\p{N}]/u.test(after);
}

/**
 * The people a message mentions: `@` followed by the name of someone who reads the channel, or of an
 * organisation taking part in it (which mentions everyone of it who reads the channel). Nobody else can be
 * mentioned, so a mention never tells anyone outside the channel that it exists.
 */
export function mentionedPeople(body: string, readers: ChannelReader[]): string[] {
  if (!body.includes("@")) return [];
  const people = new Set<string>();
  for (const reader of readers)
    if (mentions(body, reader.name) || mentions(body, reader.organisationName)) people.add(reader.personId);
  return [...people];
}
