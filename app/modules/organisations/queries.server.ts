import type { Prisma } from "~/generated/prisma/client";
import type { Actor, OrganisationRole, VerificationStatus } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";

/** Member lists show at most this many people a page. */
export const membersPageSize = 100;

/** The columns of an organisation's profile, as its page and the platform's review show it. */
export const profileColumns = {
  id: true,
  name: true,
  type: true,
  governanceLevel: true,
  place: true,
  country: true,
  website: true,
  description: true,
  contactName: true,
  contactEmail: true,
  verificationStatus: true,
  verificationNote: true,
  requestedName: true,
} as const;

/** The organisation if the actor may see it; null when it does not exist or is not theirs to see. */
export async function organisationForViewer(actor: Actor, organisationId: string) {
  const row = await db().organisation.findUnique({ where: { id: organisationId }, select: profileColumns });
  if (!row) return null;
  const organisation = { ...row, verificationStatus: row.verificationStatus as VerificationStatus };
  return can(actor, "organisation.view", organisation) ? organisation : null;
}

export type ViewedOrganisation = NonNullable<Awaited<ReturnType<typeof organisationForViewer>>>;

/** The first page of members (admins first, then by name) and how many there are; null if not the actor's to see. */
export async function membersOf(actor: Actor, organisation: ViewedOrganisation) {
  if (!can(actor, "organisation.view-members", organisation)) return null;
  const where = { organisationId: organisation.id };
  const [rows, total] = await Promise.all([
    db().membership.findMany({
      where,
      select: {
        role: true,
        isFocalPoint: true,
        person: { select: { id: true, name: true, email: true } },
      },
      orderBy: [{ role: "asc" }, { person: { name: "asc" } }],
      take: membersPageSize,
    }),
    db().membership.count({ where }),
  ]);
  const members = rows.map(({ role, isFocalPoint, person }) => ({
    personId: person.id,
    name: person.name,
    email: person.email,
    role: role as OrganisationRole,
    isFocalPoint,
  }));
  return { members, total };
}

/**
 * A person's organisations in the order they joined them: the membership index gives that order; by name
 * would sort every membership on each page (docs/decisions/0021-keyset-lists.md).
 */
export const ownOrganisationsList = keysetList<Prisma.MembershipWhereInput>({
  name: "own-organisations",
  pageSize: 50,
  keys: [
    { field: "createdAt", order: "asc", type: "date" },
    { field: "id", order: "asc", type: "string" },
  ],
});

/** The page `url` asks for of the organisations the actor belongs to, with their role in each. */
export async function organisationsOf(actor: Actor, url: URL) {
  const { rows, links } = await ownOrganisationsList.findPage(url, (query) =>
    db().membership.findMany({
      where: { AND: [{ personId: actor.personId }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: {
        id: true,
        createdAt: true,
        role: true,
        isFocalPoint: true,
        organisation: {
          select: { id: true, name: true, type: true, place: true, country: true, verificationStatus: true },
        },
      },
    }),
  );
  return {
    links,
    organisations: rows.map(({ role, isFocalPoint, organisation }) => ({
      ...organisation,
      verificationStatus: organisation.verificationStatus as VerificationStatus,
      role: role as OrganisationRole,
      isFocalPoint,
    })),
  };
}
