import { hashPassword } from "~/modules/auth/password.server";
import { organisationName } from "~/modules/organisations/names.server";
import { db } from "~/utils/db.server";
import { normaliseName } from "~/utils/names";

/** Builders of realistic records, shared by the tests and the demo data loader (prisma/seed.ts). */

let sequence = 0;
const next = () => ++sequence;

export type OrganisationInput = {
  name?: string;
  type?: string;
  governanceLevel?: string;
  place?: string;
  country?: string;
  verificationStatus?: "pending" | "verified" | "rejected";
  contactName?: string;
  contactEmail?: string;
  description?: string;
  website?: string | null;
};

/**
 * An organisation, its name normalised and keyed as every write does. Fixtures reuse names ("Ministry of
 * Interior") across the tests sharing a worker's database, where the application would refuse them: a
 * name that reads like one already there is stored without its key. The demo's names all differ.
 */
export async function createOrganisation(input: OrganisationInput = {}) {
  const n = next();
  const { name, nameSkeleton } = organisationName(input.name ?? `Community Organisation ${n}`);
  const keyTaken = await db().organisation.findUnique({ where: { nameSkeleton }, select: { id: true } });
  return db().organisation.create({
    data: {
      name,
      nameSkeleton: keyTaken ? null : nameSkeleton,
      type: input.type ?? "cso",
      governanceLevel: input.governanceLevel ?? "local",
      place: input.place ?? "Ottawa",
      country: input.country ?? "CA",
      verificationStatus: input.verificationStatus ?? "verified",
      verifiedAt: (input.verificationStatus ?? "verified") === "verified" ? new Date() : null,
      contactName: input.contactName ?? `Contact ${n}`,
      contactEmail: input.contactEmail ?? `contact${n}@example.org`,
      description: input.description ?? "",
      website: input.website ?? null,
    },
  });
}

export type PersonInput = {
  name?: string;
  email?: string;
  password?: string;
  isPlatformAdmin?: boolean;
  locale?: string | null;
  /** Whether they have followed the link confirming their address; they have unless told otherwise. */
  emailConfirmed?: boolean;
};

export const defaultTestPassword = "correct horse battery staple";

export async function createPerson(input: PersonInput = {}) {
  const n = next();
  return db().person.create({
    data: {
      name: normaliseName(input.name ?? `Person ${n}`),
      email: (input.email ?? `person${n}-${Date.now()}@example.org`).toLowerCase(),
      passwordHash: await hashPassword(input.password ?? defaultTestPassword),
      isPlatformAdmin: input.isPlatformAdmin ?? false,
      locale: input.locale ?? null,
      emailConfirmedAt: input.emailConfirmed === false ? null : new Date(),
    },
  });
}

export async function addMember(
  personId: string,
  organisationId: string,
  options: { role?: "admin" | "member"; isFocalPoint?: boolean } = {},
) {
  return db().membership.create({
    data: {
      personId,
      organisationId,
      role: options.role ?? "member",
      isFocalPoint: options.isFocalPoint ?? false,
    },
  });
}

/** A person who belongs to a new organisation, in one call. */
export async function createMember(
  options: {
    organisation?: OrganisationInput;
    person?: PersonInput;
    role?: "admin" | "member";
    isFocalPoint?: boolean;
  } = {},
) {
  const organisation = await createOrganisation(options.organisation);
  const person = await createPerson(options.person);
  await addMember(person.id, organisation.id, {
    role: options.role ?? "admin",
    isFocalPoint: options.isFocalPoint,
  });
  return { organisation, person };
}
