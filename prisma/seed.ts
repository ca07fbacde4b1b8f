import { db } from "~/utils/db.server";
import { loadDemoChannel } from "./demo-channels";
import { loadDemoConsultations } from "./demo-consultations";
import { loadDemoPlans } from "./demo-plans";
import { loadDemoSpaces } from "./demo-spaces";
import { addMember, createOrganisation, createPerson, type OrganisationInput } from "./factories/people";

const demoPassword = "concord-demo-2026";

export const demoAccounts = [
  { role: "Ministry focal point", email: "amina.haddad@interior.example", password: demoPassword },
  { role: "Local-authority officer", email: "marc.tremblay@ottawa.example", password: demoPassword },
  { role: "CSO representative", email: "grace.mensah@ocisc.example", password: demoPassword },
  { role: "Platform administrator", email: "admin@concord.example", password: demoPassword },
] as const;

const organisations = {
  ministry: {
    name: "Ministry of Interior — Directorate of Integration",
    type: "national_ministry",
    governanceLevel: "national",
    place: "Ottawa",
    country: "CA",
    description: "Convenes the inter-ministerial working group on migration and integration.",
  },
  city: {
    name: "City of Ottawa — Community and Social Services",
    type: "local_authority",
    governanceLevel: "local",
    place: "Ottawa",
    country: "CA",
    description: "Co-convenor of the Ottawa Local Immigration Partnership.",
  },
  cso: {
    name: "Ottawa Community Immigrant Services Centre",
    type: "cso",
    governanceLevel: "local",
    place: "Ottawa",
    country: "CA",
    description:
      "Settlement and orientation, language training referrals and employment support for newcomers.",
  },
  forim: {
    name: "FORIM — Forum des Organisations de Solidarité Internationale issues des Migrations",
    type: "migrant_association",
    governanceLevel: "national",
    place: "Paris",
    country: "FR",
    description: "Federation of migrants' associations working on development and integration.",
  },
  mfa: {
    name: "Migrant Forum in Asia",
    type: "cso",
    governanceLevel: "regional",
    place: "Quezon City",
    country: "PH",
    description: "Regional network of grassroots organisations of migrant workers and their families.",
  },
  union: {
    name: "Malaysian Trades Union Congress — Migrant Workers Forum",
    type: "trade_union",
    governanceLevel: "national",
    place: "Kuala Lumpur",
    country: "MY",
    description: "Organises migrant workers and represents them in social dialogue.",
  },
  employers: {
    name: "Club 100 — Employers for Newcomer Recruitment",
    type: "private_sector",
    governanceLevel: "national",
    place: "Stockholm",
    country: "SE",
    description: "Employers committed to recruit and mentor newly arrived migrants.",
  },
  university: {
    name: "University of Ottawa — Migration Research Centre",
    type: "academic",
    governanceLevel: "local",
    place: "Ottawa",
    country: "CA",
    description: "Research partner of the Local Immigration Partnership.",
  },
} satisfies Record<string, OrganisationInput>;

const pendingRegistration: OrganisationInput = {
  name: "House of Women's Rights, Upala",
  type: "cso",
  governanceLevel: "local",
  place: "Upala",
  country: "CR",
  verificationStatus: "pending",
  contactName: "Lucía Mora",
  contactEmail: "lucia.mora@casaderechos.example",
  description: "Legal orientation and support for migrant women on the northern border.",
};

/** Loads the demo only into an empty database, so a restart never duplicates or overwrites anything. */
export async function loadDemoDataIfEmpty(): Promise<{ loaded: boolean }> {
  if ((await db().person.count()) > 0 || (await db().organisation.count()) > 0) return { loaded: false };

  const created = Object.fromEntries(
    await Promise.all(
      Object.entries(organisations).map(async ([key, input]) => [
        key,
        await createOrganisation({
          ...input,
          contactName: "Front desk",
          contactEmail: `contact@${key}.example`,
        }),
      ]),
    ),
  ) as Record<keyof typeof organisations, { id: string }>;
  const pending = await createOrganisation(pendingRegistration);

  const [focalPoint, officer, csoRep, admin] = await Promise.all(
    demoAccounts.map((account, index) =>
      createPerson({
        email: account.email,
        password: account.password,
        name: ["Amina Haddad", "Marc Tremblay", "Grace Mensah", "Platform Administrator"][index],
        isPlatformAdmin: account.role === "Platform administrator",
      }),
    ),
  );
  const colleagues = await Promise.all([
    createPerson({
      email: "youssef.benali@interior.example",
      password: demoPassword,
      name: "Youssef Benali",
    }),
    createPerson({ email: "nadia.okafor@ocisc.example", password: demoPassword, name: "Nadia Okafor" }),
    createPerson({ email: "lucia.mora@casaderechos.example", password: demoPassword, name: "Lucía Mora" }),
  ]);
  await addMember(focalPoint!.id, created.ministry.id, { role: "admin", isFocalPoint: true });
  await addMember(officer!.id, created.city.id, { role: "admin", isFocalPoint: true });
  await addMember(csoRep!.id, created.cso.id, { role: "admin" });
  await addMember(admin!.id, created.ministry.id, { role: "member" });
  await addMember(colleagues[0].id, created.ministry.id, { role: "member" });
  await addMember(colleagues[1].id, created.cso.id, { role: "member" });
  await addMember(colleagues[2].id, pending.id, { role: "admin" });
  const people = { focalPoint: focalPoint!, officer: officer!, csoRep: csoRep! };
  const spaces = await loadDemoSpaces(created, people);
  await loadDemoConsultations(created, spaces, people);
  await loadDemoPlans(created, spaces, people);
  await loadDemoChannel(
    spaces.lipId,
    { id: officer!.id, organisationId: created.city.id, name: "Marc Tremblay" },
    { id: csoRep!.id, organisationId: created.cso.id, name: "Grace Mensah" },
  );
  return { loaded: true };
}
