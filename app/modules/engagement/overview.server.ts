import { organisationTypes } from "~/modules/organisations/schema";
import { db } from "~/utils/db.server";
import { isLevel, levels, type Level } from "./levels";

export type LevelCounts = Record<Level, number>;

/** One point of the history: how many organisations were active at each level when `month` ended. */
export type MonthCounts = { month: string; end: Date; counts: LevelCounts };

export type EngagementOverview = {
  /** Active participant organisations at each level. */
  byLevel: LevelCounts;
  /** The organisation types present among active participants, in the catalogue's order. */
  types: string[];
  /** byType[level][type]: active participant organisations of that type at that level. */
  byType: Record<Level, Record<string, number>>;
  participants: number;
  /** Active convening organisations, counted apart from the levels. */
  conveners: number;
  /** The last `months` months, oldest first; the current month ends now. */
  history: MonthCounts[];
};

const zeroCounts = (): LevelCounts => Object.fromEntries(levels.map((level) => [level, 0])) as LevelCounts;

/**
 * The engagement overview of a space: today's active organisations per level and type, and the count per level
 * at the end of each of the last months, rebuilt from the level history. Call it only for a viewer who may see
 * the space's participants (can(actor, "space.view-participants", space)).
 */
export async function engagementOverview(
  spaceId: string,
  options: { now?: Date; months?: number } = {},
): Promise<EngagementOverview> {
  const now = options.now ?? new Date();
  const [groups, history] = await Promise.all([
    // Each column cast to its declared type: the driver adapter would otherwise guess it from the first row.
    db().$queryRaw<{ role: string; level: string | null; type: string; count: bigint }[]>`
      SELECT CAST(p."role" AS TEXT) AS role, CAST(p."level" AS TEXT) AS level, CAST(o."type" AS TEXT) AS type,
        CAST(COUNT(*) AS INTEGER) AS count
      FROM "SpaceParticipant" p JOIN "Organisation" o ON o."id" = p."organisationId"
      WHERE p."spaceId" = ${spaceId} AND p."status" = 'active'
      GROUP BY p."role", p."level", o."type"`,
    levelHistory(spaceId, now, options.months ?? 12),
  ]);

  const byLevel = zeroCounts();
  const byType = Object.fromEntries(levels.map((level) => [level, {}])) as EngagementOverview["byType"];
  const present = new Set<string>();
  let conveners = 0;
  for (const group of groups) {
    const count = Number(group.count);
    if (group.role === "convener") conveners += count;
    else if (isLevel(group.level)) {
      byLevel[group.level] += count;
      byType[group.level][group.type] = (byType[group.level][group.type] ?? 0) + count;
      present.add(group.type);
    }
  }
  const known = organisationTypes.filter((type) => present.has(type));
  const types = [...known, ...[...present].filter((type) => !known.includes(type as never)).sort()];
  const participants = levels.reduce((sum, level) => sum + byLevel[level], 0);
  return { byLevel, types, byType, participants, conveners, history };
}

/** The first instant of the month `offset` months after the month of `date` (UTC). */
function monthStart(date: Date, offset: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

/**
 * Replays the space's level changes in time order, once, keeping each organisation's active level and running
 * counts per level, and takes the counts at each month's end. An invited organisation is not active until it
 * joins, at the level of its invitation as last changed.
 */
async function levelHistory(spaceId: string, now: Date, months: number): Promise<MonthCounts[]> {
  const ends = Array.from({ length: months }, (_, index) => {
    const offset = index - months + 1;
    return {
      month: monthStart(now, offset).toISOString().slice(0, 7),
      end: offset === 0 ? now : monthStart(now, offset + 1),
    };
  });
  const changes = await db().levelChange.findMany({
    where: { spaceId, createdAt: { lte: now } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { organisationId: true, kind: true, toLevel: true, createdAt: true },
  });

  const active = new Map<string, Level>();
  const invited = new Map<string, Level>();
  const counts = zeroCounts();
  const setActive = (organisationId: string, level: Level | null) => {
    const before = active.get(organisationId);
    if (before) counts[before] -= 1;
    if (level) {
      active.set(organisationId, level);
      counts[level] += 1;
    } else active.delete(organisationId);
  };

  const history: MonthCounts[] = [];
  let next = 0;
  for (const { month, end } of ends) {
    // Changes made before the month's end count for it; the current month ends now and takes all the rest.
    const current = end === now;
    while (next < changes.length && (current || changes[next]!.createdAt < end)) {
      const { organisationId, kind, toLevel } = changes[next]!;
      const level = isLevel(toLevel) ? toLevel : null;
      next += 1;
      switch (kind) {
        case "invited":
          if (level) invited.set(organisationId, level);
          break;
        case "joined":
          setActive(organisationId, level ?? invited.get(organisationId) ?? null);
          invited.delete(organisationId);
          break;
        case "request-approved":
          if (level) setActive(organisationId, level);
          break;
        case "invitation-changed":
          if (level) invited.set(organisationId, level);
          break;
        case "changed":
          if (level && active.has(organisationId)) setActive(organisationId, level);
          break;
        case "left":
        case "removed":
          setActive(organisationId, null);
          invited.delete(organisationId);
          break;
      }
    }
    history.push({ month, end, counts: { ...counts } });
  }
  return history;
}
