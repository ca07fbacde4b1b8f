import type { VerificationStatus } from "~/modules/authorization/actor";
import { profileColumns } from "~/modules/organisations/queries.server";
import { db } from "~/utils/db.server";

export const reviewPageSize = 50;

const reviewFields = {
  ...profileColumns,
  verifiedAt: true,
  createdAt: true,
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
 * Organisations of one verification status, newest first, for platform administrators (the route checks
 * can(actor, "platform.administer")), with how many there are of each status for the tabs.
 */
export async function organisationsForReview({ status, page }: { status: VerificationStatus; page: number }) {
  const [organisations, grouped] = await Promise.all([
    db().organisation.findMany({
      where: { verificationStatus: status },
      select: reviewFields,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * reviewPageSize,
      take: reviewPageSize,
    }),
    db().organisation.groupBy({ by: ["verificationStatus"], _count: { _all: true } }),
  ]);
  const counts: Record<VerificationStatus, number> = { pending: 0, verified: 0, rejected: 0 };
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
