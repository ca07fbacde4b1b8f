import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/modules/authorization/actor";
import { levels, type Level } from "~/modules/engagement/levels";
import { containsText, db } from "~/utils/db.server";
import { countUpTo, keysetList, type PageQuery } from "~/utils/keyset.server";
import { verifiedMemberships } from "./access.server";
import type { ParticipationRole, ParticipationStatus } from "./policy";
import { convenerOrganisationTypes, type DirectoryFilter } from "./schema";

/** Lists of one space's parts (children, conveners, an organisation's spaces) show at most this many. */
export const spaceListLimit = 100;

/** The organisations a person acts for in spaces: only verified ones count (as in loadSpaceResource). */
function verifiedOrganisationIds(actor: Actor): string[] {
  return verifiedMemberships(actor).map((membership) => membership.organisationId);
}

/** A standing that lets an organisation's people see a space: the "space.view" rule of policy.ts. */
const seeingStanding: Prisma.SpaceParticipantWhereInput = {
  OR: [
    { role: "convener", status: "active" },
    { role: "participant", status: { in: ["active", "invited"] }, level: { in: [...levels] } },
  ],
};

/** The spaces the person can see: one of their verified organisations convenes it or takes part in it. */
function visibleTo(actor: Actor): Prisma.SpaceWhereInput {
  return {
    participants: {
      some: { organisationId: { in: verifiedOrganisationIds(actor) }, ...seeingStanding },
    },
  };
}

/**
 * The directory reads the participation rows of the person's organisations in title order, from the index
 * (organisationId, spaceTitle, spaceId): each page costs one seek per organisation, however many spaces there
 * are and however few of them the person sees (docs/decisions/0021-keyset-lists.md).
 */
export const directoryList = keysetList<Prisma.SpaceParticipantWhereInput>({
  name: "spaces-directory",
  pageSize: 20,
  keys: [
    { field: "spaceTitle", order: "asc", type: "string" },
    { field: "spaceId", order: "asc", type: "string" },
  ],
});

/** The directory says "1,000+ spaces" past this many. */
export const directoryCountCap = 1000;

function directoryConditions(filter: DirectoryFilter): Prisma.SpaceWhereInput[] {
  const conditions: Prisma.SpaceWhereInput[] = [];
  if (filter.kind) conditions.push({ kind: filter.kind });
  if (filter.governanceLevel) conditions.push({ governanceLevel: filter.governanceLevel });
  if (filter.theme) conditions.push({ themes: { some: { theme: filter.theme } } });
  if (filter.place) conditions.push({ place: containsText(filter.place) });
  if (filter.q)
    conditions.push({ OR: [{ title: containsText(filter.q) }, { mandate: containsText(filter.q) }] });
  return conditions;
}

/** The participation rows by which one organisation sees the spaces that pass the directory's filters. */
function seenBy(
  organisationId: string,
  conditions: Prisma.SpaceWhereInput[],
): Prisma.SpaceParticipantWhereInput {
  return {
    AND: [
      { organisationId },
      seeingStanding,
      ...(conditions.length > 0 ? [{ space: { AND: conditions } }] : []),
    ],
  };
}

type DirectoryKey = { spaceTitle: string; spaceId: string };

/** Byte order of the UTF-8 text: SQLite's and (COLLATE "C") PostgreSQL's order of spaceTitle. */
function compareKeys(a: DirectoryKey, b: DirectoryKey) {
  return (
    Buffer.compare(Buffer.from(a.spaceTitle), Buffer.from(b.spaceTitle)) ||
    Buffer.compare(Buffer.from(a.spaceId), Buffer.from(b.spaceId))
  );
}

/**
 * One page of the spaces `organisationIds` see: a page from each organisation's rows, merged in the page's
 * direction, each space once (two of the person's organisations may take part in the same space).
 */
async function directoryKeys(
  organisationIds: string[],
  conditions: Prisma.SpaceWhereInput[],
  query: PageQuery<Prisma.SpaceParticipantWhereInput>,
) {
  const pages = await Promise.all(
    organisationIds.map((organisationId) =>
      db().spaceParticipant.findMany({
        where: { AND: [seenBy(organisationId, conditions), query.where] },
        orderBy: query.orderBy,
        take: query.take,
        select: { spaceTitle: true, spaceId: true },
      }),
    ),
  );
  const direction = query.orderBy[0]?.spaceTitle === "desc" ? -1 : 1;
  const merged = pages.flat().sort((a, b) => direction * compareKeys(a, b));
  return merged
    .filter((row, index) => index === 0 || row.spaceId !== merged[index - 1]!.spaceId)
    .slice(0, query.take);
}

/**
 * How many spaces `organisationIds` see, up to `take`, counted from their participation rows like the pages.
 * One organisation's rows name each space once; several organisations may share spaces, so their ids are
 * read and counted once each.
 */
async function directoryCount(organisationIds: string[], conditions: Prisma.SpaceWhereInput[], take: number) {
  const orderBy = directoryList.query(null).orderBy;
  if (organisationIds.length === 1)
    return db().spaceParticipant.count({ where: seenBy(organisationIds[0]!, conditions), orderBy, take });
  const pages = await Promise.all(
    organisationIds.map((organisationId) =>
      db().spaceParticipant.findMany({
        where: seenBy(organisationId, conditions),
        orderBy,
        take,
        select: { spaceId: true },
      }),
    ),
  );
  return new Set(pages.flat().map((row) => row.spaceId)).size;
}

/** The directory: the spaces the person can see, filtered and searched, a page at a time, by title. */
export async function spaceDirectory(actor: Actor, filter: DirectoryFilter, url: URL) {
  const conditions = directoryConditions(filter);
  const organisationIds = verifiedOrganisationIds(actor);
  const [page, total] = await Promise.all([
    directoryList.findPage(url, (query) => directoryKeys(organisationIds, conditions, query)),
    countUpTo(directoryCountCap, (take) => directoryCount(organisationIds, conditions, take)),
  ]);
  const ids = page.rows.map((row) => row.spaceId);
  // The page's few themes are put in order here, not sorted by the database (ADR 0021).
  const rows =
    ids.length === 0
      ? []
      : await db().space.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            title: true,
            kind: true,
            governanceLevel: true,
            place: true,
            themes: { select: { theme: true } },
            participants: {
              where: { organisationId: { in: organisationIds }, ...seeingStanding },
              select: { role: true, level: true, status: true, organisationName: true },
            },
          },
        });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    links: page.links,
    total,
    spaces: ids
      .flatMap((id) => byId.get(id) ?? [])
      .map(({ themes, participants, ...space }) => ({
        ...space,
        themes: themes.map(({ theme }) => theme).sort(),
        standings: participants.map((standing) => ({
          organisationName: standing.organisationName,
          role: standing.role as ParticipationRole,
          level: standing.level as Level | null,
          status: standing.status as ParticipationStatus,
        })),
      })),
  };
}

/** The spaces the person can see, for a parent-space select (by title, at most spaceListLimit). */
export async function parentCandidates(actor: Actor, excludeSpaceId?: string) {
  return db().space.findMany({
    where: { AND: [visibleTo(actor), excludeSpaceId ? { id: { not: excludeSpaceId } } : {}] },
    select: { id: true, title: true },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: spaceListLimit,
  });
}

/**
 * The space's header (for the layout of every space page) and the viewer's organisations in it with their
 * names. The route has checked "space.view".
 */
export async function spaceHeader(actor: Actor, spaceId: string) {
  const space = await db().space.findUniqueOrThrow({
    where: { id: spaceId },
    select: {
      id: true,
      title: true,
      kind: true,
      governanceLevel: true,
      place: true,
      participants: {
        where: { organisationId: { in: verifiedOrganisationIds(actor) }, ...seeingStanding },
        select: {
          organisationId: true,
          role: true,
          level: true,
          status: true,
          organisation: { select: { name: true } },
        },
        orderBy: { organisation: { name: "asc" } },
      },
    },
  });
  const { participants, ...header } = space;
  return {
    ...header,
    standings: participants.map(({ organisation, ...standing }) => ({
      organisationId: standing.organisationId,
      organisationName: organisation.name,
      role: standing.role as ParticipationRole,
      level: standing.level as Level | null,
      status: standing.status as ParticipationStatus,
    })),
  };
}

/**
 * What the overview shows everyone who sees the space: mandate, themes, the parent and children the viewer
 * can see, the conveners and the promise of every level.
 */
export async function spaceOverview(actor: Actor, spaceId: string) {
  const space = await db().space.findUniqueOrThrow({
    where: { id: spaceId },
    select: {
      mandate: true,
      parentId: true,
      themes: { select: { theme: true }, orderBy: { theme: "asc" } },
      promises: { select: { level: true, expectation: true, decisionMaker: true, feedbackDays: true } },
    },
  });
  const [parent, children, conveners] = await Promise.all([
    space.parentId
      ? db().space.findFirst({
          where: { AND: [{ id: space.parentId }, visibleTo(actor)] },
          select: { id: true, title: true },
        })
      : null,
    db().space.findMany({
      where: { AND: [{ parentId: spaceId }, visibleTo(actor)] },
      select: { id: true, title: true },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      take: spaceListLimit,
    }),
    convenersOf(spaceId),
  ]);
  const promises = levels.map((level) => {
    const promise = space.promises.find((candidate) => candidate.level === level);
    return {
      level,
      expectation: promise?.expectation ?? "",
      decisionMaker: promise?.decisionMaker ?? "",
      feedbackDays: promise?.feedbackDays ?? null,
    };
  });
  return {
    mandate: space.mandate,
    themes: space.themes.map(({ theme }) => theme),
    parent,
    children,
    conveners,
    promises,
  };
}

/** The space's active conveners, by name. */
export async function convenersOf(spaceId: string) {
  const rows = await db().spaceParticipant.findMany({
    where: { spaceId, role: "convener", status: "active" },
    select: { organisation: { select: { id: true, name: true, type: true } } },
    orderBy: { organisation: { name: "asc" } },
    take: spaceListLimit,
  });
  return rows.map(({ organisation }) => organisation);
}

/** The edit form's current values. */
export async function spaceDetails(spaceId: string) {
  const space = await db().space.findUniqueOrThrow({
    where: { id: spaceId },
    select: { title: true, mandate: true, parentId: true, themes: { select: { theme: true } } },
  });
  return { ...space, themes: space.themes.map(({ theme }) => theme) };
}

/** The promise of every level as stored (a level without one is left empty for the convener to write). */
export async function spacePromises(spaceId: string) {
  const rows = await db().spacePromise.findMany({
    where: { spaceId },
    select: { level: true, expectation: true, decisionMaker: true, feedbackDays: true },
  });
  return Object.fromEntries(
    levels.map((level) => {
      const row = rows.find((candidate) => candidate.level === level);
      return [
        level,
        {
          expectation: row?.expectation ?? "",
          decisionMaker: row?.decisionMaker ?? "",
          feedbackDays: row ? String(row.feedbackDays) : "",
        },
      ];
    }),
  ) as Record<Level, { expectation: string; decisionMaker: string; feedbackDays: string }>;
}

/** The overview's engagement summary: active participant organisations at each level, and the conveners. */
export async function organisationsPerLevel(spaceId: string) {
  const grouped = await db().spaceParticipant.groupBy({
    by: ["role", "level"],
    where: { spaceId, status: "active" },
    _count: { _all: true },
  });
  const perLevel = Object.fromEntries(levels.map((level) => [level, 0])) as Record<Level, number>;
  let convenerCount = 0;
  for (const group of grouped) {
    if (group.role === "convener") convenerCount += group._count._all;
    else if (group.level && Object.hasOwn(perLevel, group.level))
      perLevel[group.level as Level] += group._count._all;
  }
  return { conveners: convenerCount, perLevel };
}

/**
 * The first spaceListLimit spaces an organisation is in, by title, with its role, level and status, and
 * whether there are more — for that organisation's own members only (null for anyone else, who sees none of
 * them). Declined and left places are not listed.
 */
export async function spacesOfOrganisation(actor: Actor, organisationId: string) {
  if (!verifiedOrganisationIds(actor).includes(organisationId)) return null;
  const rows = await db().spaceParticipant.findMany({
    where: { organisationId, ...seeingStanding },
    select: {
      role: true,
      level: true,
      status: true,
      space: { select: { id: true, title: true, kind: true } },
    },
    orderBy: [{ spaceTitle: "asc" }, { spaceId: "asc" }],
    take: spaceListLimit + 1,
  });
  return {
    more: rows.length > spaceListLimit,
    spaces: rows.slice(0, spaceListLimit).map(({ space, ...standing }) => ({
      ...space,
      role: standing.role as ParticipationRole,
      level: standing.level as Level | null,
      status: standing.status as ParticipationStatus,
    })),
  };
}

/**
 * Verified government bodies that could co-convene the space (not convening it already), whose name
 * contains `search`, by name.
 */
export async function convenerCandidates(spaceId: string, search: string) {
  return db().organisation.findMany({
    where: {
      verificationStatus: "verified",
      type: { in: [...convenerOrganisationTypes] },
      name: search ? containsText(search) : undefined,
      spaceParticipation: { none: { spaceId, role: "convener", status: "active" } },
    },
    select: { id: true, name: true, type: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 50,
  });
}

/** The organisation a person would convene a new space for (their current one), as can("space.create") needs it. */
export async function conveningOrganisation(organisationId: string | null) {
  if (!organisationId) return null;
  return db().organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, type: true, verificationStatus: true },
  });
}
