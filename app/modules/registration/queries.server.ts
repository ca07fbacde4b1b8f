import type { VerificationStatus } from "~/modules/authorization/actor";
import { profileColumns } from "~/modules/organisations/queries.server";
import { db } from "~/utils/db.server";
import type { ReviewQueue } from "./schema";

export const reviewPageSize = 50;

const reviewFields = {
  ...profileColumns,
  verifiedAt: true,
  createdAt: true,
  nameRequestedAt: true,
  verifiedBy: { select: { name: true } },
  memberships: {
    where: { role: "admin" },
    select: { person: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  },
} as const;

function toReview<T extends { verificationStatus: string }>(organisation: T) {
  return { ...organisation, verificationStatus: organisation.verificationStatus as VerificationStatus };
}

export type OrganisationForReview = NonNullable<Awaited<ReturnType<typeof organisationForReview>>>;

/**
 * One queue for platform administrators (the route checks can(actor, "platform.administer")): the
 * organisations of one verification status, newest first, or those waiting for a new name to be
 * confirmed, latest request first; with how many each queue holds, for the tabs.
 */
export async function organisationsForReview({ status, page }: { status: ReviewQueue; page: number }) {
  const renames = status === "renames";
  const [organisations, grouped, renameCount] = await Promise.all([
    db().organisation.findMany({
      where: renames ? { requestedName: { not: null } } : { verificationStatus: status },
      select: reviewFields,
      orderBy: renames
        ? [{ nameRequestedAt: "desc" }, { id: "desc" }]
        : [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * reviewPageSize,
      take: reviewPageSize,
    }),
    db().organisation.groupBy({ by: ["verificationStatus"], _count: { _all: true } }),
    db().organisation.count({ where: { requestedName: { not: null } } }),
  ]);
  const counts: Record<ReviewQueue, number> = { pending: 0, verified: 0, rejected: 0, renames: renameCount };
  for (const group of grouped) {
    if (Object.hasOwn(counts, group.verificationStatus)) {
      counts[group.verificationStatus as VerificationStatus] = group._count._all;
    }
  }
  return {
    organisations: organisations.map(toReview),
    counts,
    page,
    pageCount: Math.max(1, Math.ceil(counts[status] / reviewPageSize)),
  };
}

/** One organisation with what an administrator needs to decide on it, or null if there is none. */
export async function organisationForReview(organisationId: string) {
  const organisation = await db().organisation.findUnique({
    where: { id: organisationId },
    select: reviewFields,
  });
  return organisation && toReview(organisation);
}
