import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";
import type { ConcernFilter } from "./schema";

/** The open concerns, the longest waiting on top. */
export const waitingConcernsList = keysetList<Prisma.ConcernWhereInput>({
  name: "concerns-waiting",
  parameter: "waiting",
  pageSize: 50,
  keys: [
    { field: "createdAt", order: "asc", type: "date" },
    { field: "id", order: "asc", type: "string" },
  ],
});

/** The answered concerns, the latest answer first. */
export const answeredConcernsList = keysetList<Prisma.ConcernWhereInput>({
  name: "concerns-answered",
  parameter: "answered",
  pageSize: 50,
  keys: [
    { field: "answeredAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});
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
  duplicateOf: { select: { id: true, createdAt: true, organisation: { select: { name: true } } } },
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
 * The concern register as `url` asks for it, in two lists that page apart: the open concerns, the longest
 * waiting on top, and the answered ones, the latest answer first (null: the status filter leaves that list
 * out). Callers have checked "space.view-concerns".
 */
export async function concernRegister(spaceId: string, filter: ConcernFilter, url: URL) {
  const base: Prisma.ConcernWhereInput = { spaceId, ...(filter.theme ? { theme: filter.theme } : {}) };
  // An answer always has its time (answer-concern.server.ts): the range keeps PostgreSQL's index walk off
  // the open concerns, whose null answeredAt sorts first in a descending index there.
  const answeredWhere = { ...base, status: filter.status ?? { not: "open" }, answeredAt: { not: null } };
  const now = new Date();
  const withWaiting = <Concern extends { status: string; createdAt: Date }>(concern: Concern) => ({
    ...concern,
    waitingDays: concern.status === "open" ? daysSince(concern.createdAt, now) : null,
  });
  const [waiting, answered] = await Promise.all([
    filter.status === undefined || filter.status === "open"
      ? waitingConcernsList.findPage(url, (query) =>
          db().concern.findMany({
            where: { AND: [{ ...base, status: "open" }, query.where] },
            orderBy: query.orderBy,
            take: query.take,
            select: concernColumns,
          }),
        )
      : null,
    filter.status !== "open"
      ? answeredConcernsList.findPage(url, (query) =>
          db().concern.findMany({
            where: { AND: [answeredWhere, query.where] },
            orderBy: query.orderBy,
            take: query.take,
            select: concernColumns,
          }),
        )
      : null,
  ]);
  return {
    waiting: waiting && { links: waiting.links, concerns: waiting.rows.map(withWaiting) },
    answered: answered && { links: answered.links, concerns: answered.rows.map(withWaiting) },
  };
}
