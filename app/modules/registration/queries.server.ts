import type { Prisma } from "~/generated/prisma/client";
import type { VerificationStatus } from "~/modules/authorization/actor";
import { profileColumns } from "~/modules/organisations/queries.server";
import { db } from "~/utils/db.server";
import { countUpTo, keysetList } from "~/utils/keyset.server";
import { reviewQueues, type ReviewQueue } from "./schema";

const reviewPageSize = 50;

/** The tabs say "1,000+" past this many. */
export const queueCountCap = 1000;

/** The queue of one verification status, newest first. */
export const statusQueueList = keysetList<Prisma.OrganisationWhereInput>({
  name: "admin-organisations",
  pageSize: reviewPageSize,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/** The organisations waiting for a new name, latest request first. */
export const renameQueueList = keysetList<Prisma.OrganisationWhereInput>({
  name: "admin-renames",
  pageSize: reviewPageSize,
  keys: [
    { field: "nameRequestedAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/** A request for a new name always has its time (update-profile.server.ts sets both, decisions clear both). */
const waitingForName: Prisma.OrganisationWhereInput = {
  nameRequestedAt: { not: null },
  requestedName: { not: null },
};

const queueWhere = (queue: ReviewQueue): Prisma.OrganisationWhereInput =>
  queue === "renames" ? waitingForName : { verificationStatus: queue };

const reviewFields = {
  ...profileColumns,
  verifiedAt: true,
  createdAt: true,
  nameRequestedAt: true,
  verifiedBy: { select: { name: true } },
  // Put in order here rather than by the database, which would sort the admins of a whole page of
  // organisations (docs/decisions/0021-keyset-lists.md).
  memberships: {
    where: { role: "admin" },
    select: { createdAt: true, person: { select: { name: true, email: true } } },
  },
} as const satisfies Prisma.OrganisationSelect;

function toReview(organisation: Prisma.OrganisationGetPayload<{ select: typeof reviewFields }>) {
  return {
    ...organisation,
    verificationStatus: organisation.verificationStatus as VerificationStatus,
    memberships: organisation.memberships.toSorted((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
  };
}

export type OrganisationForReview = NonNullable<Awaited<ReturnType<typeof organisationForReview>>>;

/**
 * The page `url` asks for of one queue for platform administrators (the route checks can(actor,
 * "platform.administer")): the organisations of one verification status, newest first, or those waiting for
 * a new name to be confirmed, latest request first; with how many each queue holds (up to queueCountCap),
 * for the tabs.
 */
export async function organisationsForReview(queue: ReviewQueue, url: URL) {
  const listOf = (candidate: ReviewQueue) => (candidate === "renames" ? renameQueueList : statusQueueList);
  const list = listOf(queue);
  const where = queueWhere(queue);
  const [page, ...counted] = await Promise.all([
    list.findPage(url, (query) =>
      db().organisation.findMany({
        where: { AND: [where, query.where] },
        orderBy: query.orderBy,
        take: query.take,
        select: reviewFields,
      }),
    ),
    ...reviewQueues.map((candidate) =>
      countUpTo(queueCountCap, (take) =>
        db().organisation.count({
          where: queueWhere(candidate),
          orderBy: listOf(candidate).query(null).orderBy,
          take,
        }),
      ),
    ),
  ]);
  const counts = Object.fromEntries(
    reviewQueues.map((candidate, index) => [candidate, counted[index]!]),
  ) as Record<ReviewQueue, { count: number; more: boolean }>;
  return { organisations: page.rows.map(toReview), counts, links: page.links };
}

/** One organisation with what an administrator needs to decide on it, or null if there is none. */
export async function organisationForReview(organisationId: string) {
  const organisation = await db().organisation.findUnique({
    where: { id: organisationId },
    select: reviewFields,
  });
  return organisation && toReview(organisation);
}
