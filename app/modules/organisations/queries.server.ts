import type { Actor, OrganisationRole, VerificationStatus } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { db } from "~/utils/db.server";

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

/** The organisations the actor belongs to, by name, with their role in each. */
export async function organisationsOf(actor: Actor) {
  const rows = await db().membership.findMany({
    where: { personId: actor.personId },
    select: {
      role: true,
      isFocalPoint: true,
      organisation: {
        select: { id: true, name: true, type: true, place: true, country: true, verificationStatus: true },
      },
    },
    orderBy: { organisation: { name: "asc" } },
  });
  return rows.map(({ role, isFocalPoint, organisation }) => ({
    ...organisation,
    verificationStatus: organisation.verificationStatus as VerificationStatus,
    role: role as OrganisationRole,
    isFocalPoint,
  }));
}
