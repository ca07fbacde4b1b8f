import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { ConcernFilter } from "./schema";

export const concernsPerPage = 50;
const dayMs = 24 * 60 * 60 * 1000;

/** Whole days between `since` and `now`. */
export function daysSince(since: Date, now = new Date()) {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / dayMs));
}

const concernColumns = {
  id: true,
  text: true,
  theme: true,
  status: true,
  answer: true,
  answeredAt: true,
  createdAt: true,
  organisation: { select: { id: true, name: true } },
  raisedBy: { select: { name: true } },
  answeredBy: { select: { name: true } },
} satisfies Prisma.ConcernSelect;

/** How many of the space's concerns wait for an answer, and for how many days the oldest has waited. */
export async function waitingConcerns(spaceId: string) {
  const where = { spaceId, status: "open" };
  const [count, oldest] = await Promise.all([
    db().concern.count({ where }),
    db().concern.findFirst({ where, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return { count, oldestDays: oldest ? daysSince(oldest.createdAt) : null };
}

/**
 * One page of the concern register: open concerns first, the longest waiting on top, then the answered
 * ones, the latest answer first. Callers have checked "space.view-concerns".
 */
export async function concernRegister(spaceId: string, filter: ConcernFilter) {
  const base: Prisma.ConcernWhereInput = { spaceId, ...(filter.theme ? { theme: filter.theme } : {}) };
  const openWhere = { ...base, status: "open" };
  const closedWhere = { ...base, status: filter.status ?? { not: "open" } };
  const wantsOpen = filter.status === undefined || filter.status === "open";
  const wantsClosed = filter.status !== "open";
  const [openCount, closedCount] = await Promise.all([
    wantsOpen ? db().concern.count({ where: openWhere }) : 0,
    wantsClosed ? db().concern.count({ where: closedWhere }) : 0,
  ]);
  const skip = (filter.page - 1) * concernsPerPage;
  const open =
    skip < openCount
      ? await db().concern.findMany({
          where: openWhere,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip,
          take: concernsPerPage,
          select: concernColumns,
        })
      : [];
  const closed =
    wantsClosed && open.length < concernsPerPage
      ? await db().concern.findMany({
          where: closedWhere,
          orderBy: [{ answeredAt: "desc" }, { id: "desc" }],
          skip: Math.max(0, skip - openCount),
          take: concernsPerPage - open.length,
          select: concernColumns,
        })
      : [];
  const now = new Date();
  return {
    concerns: [...open, ...closed].map((concern) => ({
      ...concern,
      waitingDays: concern.status === "open" ? daysSince(concern.createdAt, now) : null,
    })),
    page: filter.page,
    pageCount: Math.max(1, Math.ceil((openCount + closedCount) / concernsPerPage)),
  };
}
