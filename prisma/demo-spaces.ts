import type { Level } from "~/modules/engagement/levels";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson, type OrganisationInput } from "./factories/people";
import { addDelegate, addParticipant, createSpace } from "./factories/spaces";

type Ids = { id: string };
const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

const promiseTexts: Record<Level, { expectation: string; decisionMaker: string; feedbackDays: number }> = {
  INFORM: {
    expectation: "We publish our priorities, documents and decisions here as soon as they are adopted.",
    decisionMaker: "The convening ministry",
    feedbackDays: 30,
  },
  CONSULT: {
    expectation:
      "We ask for your advice before we decide, and tell you how your input influenced the decision — or why it did not.",
    decisionMaker: "The convening ministry, after consultation",
    feedbackDays: 30,
  },
  INVOLVE: {
    expectation:
      "We work with you throughout the process: your concerns are registered and each gets a written answer.",
    decisionMaker: "The conveners, with the participants' concerns on record",
    feedbackDays: 21,
  },
  COLLABORATE: {
    expectation:
      "You plan, implement, monitor and evaluate the action plan with us, and co-sign its decisions.",
    decisionMaker: "Conveners and collaborating organisations together",
    feedbackDays: 14,
  },
  EMPOWER: {
    expectation:
      "You hold delegated decisions over your actions and budget lines, with financial and technical support from us.",
    decisionMaker: "The empowered organisation, within its delegation",
    feedbackDays: 14,
  },
};

async function writePromises(spaceId: string) {
  await db().spacePromise.createMany({
    data: (Object.keys(promiseTexts) as Level[]).map((level) => ({ spaceId, level, ...promiseTexts[level] })),
  });
}

async function participate(
  spaceId: string,
  organisationId: string,
  level: Level,
  changedById: string,
  history: { from: Level; rationale: string; kind: "request-approved" | "changed"; daysAgo: number }[] = [],
) {
  const joinedLevel = history[0]?.from ?? level;
  await addParticipant(spaceId, organisationId, level);
  await db().levelChange.create({
    data: {
      spaceId,
      organisationId,
      toLevel: joinedLevel,
      kind: "joined",
      changedById,
      createdAt: daysAgo(300),
    },
  });
  for (const [index, step] of history.entries()) {
    await db().levelChange.create({
      data: {
        spaceId,
        organisationId,
        fromLevel: step.from,
        toLevel: history[index + 1]?.from ?? level,
        kind: step.kind,
        rationale: step.rationale,
        changedById,
        createdAt: daysAgo(step.daysAgo),
      },
    });
  }
}

const ottawaPartners: [string, string, Level][] = [
  ["Ottawa-Carleton District School Board", "local_authority", "COLLABORATE"],
  ["Ottawa Catholic School Board", "local_authority", "COLLABORATE"],
  ["Conseil des écoles publiques de l'Est de l'Ontario", "local_authority", "INVOLVE"],
  ["Conseil des écoles catholiques du Centre-Est", "local_authority", "INVOLVE"],
  ["Algonquin College — Newcomer Services", "academic", "CONSULT"],
  ["Carleton University — Migration and Diaspora Studies", "academic", "CONSULT"],
  ["Ottawa Chamber of Commerce", "private_sector", "CONSULT"],
  ["Hire Immigrants Ottawa", "private_sector", "COLLABORATE"],
  ["Catholic Centre for Immigrants", "cso", "EMPOWER"],
  ["Immigrant Women Services Ottawa", "cso", "EMPOWER"],
  ["Somerset West Community Health Centre", "cso", "INVOLVE"],
  ["Ottawa Public Library", "local_authority", "INFORM"],
  ["Ottawa Community Housing", "local_authority", "INVOLVE"],
  ["Lebanese and Arab Social Services Agency", "migrant_association", "INVOLVE"],
  ["Somali Centre for Family Services", "migrant_association", "CONSULT"],
  ["Chinese Community Association of Ottawa", "migrant_association", "INFORM"],
  ["Champlain Local Health Integration Network", "regional_authority", "CONSULT"],
  ["Ottawa and District Labour Council", "trade_union", "CONSULT"],
  ["Ottawa Police Service — Diversity and Race Relations", "local_authority", "INFORM"],
  ["Jewish Family Services of Ottawa", "cso", "INVOLVE"],
];

/**
 * The spaces of the demo: a national working group, the Ottawa LIP, and Bicol's regional and local tables.
 * Returns the two spaces and the Ottawa partners (by name) that the demo consultations use.
 */
export async function loadDemoSpaces(
  orgs: Record<string, Ids>,
  people: { focalPoint: Ids; officer: Ids; csoRep: Ids },
) {
  const { focalPoint, officer, csoRep } = people;
  const government = async (input: OrganisationInput) =>
    createOrganisation({ contactName: "Secretariat", ...input });

  const [labour, health, education, foreignAffairs] = await Promise.all(
    [
      ["Ministry of Labour and Employment", "national_ministry"],
      ["Ministry of Health", "national_ministry"],
      ["Ministry of Education", "national_ministry"],
      ["Ministry of Foreign Affairs — Diaspora Directorate", "national_ministry"],
    ].map(([name, type]) =>
      government({ name, type, governanceLevel: "national", place: "Ottawa", country: "CA" }),
    ),
  );

  // National inter-ministerial working group on migration (seed 004: 235-243).
  const national = await createSpace({
    title: "Inter-ministerial working group on migration and integration",
    kind: "inter_ministerial_working_group",
    governanceLevel: "national",
    place: "Ottawa",
    mandate:
      "Coordinates the integration policies of the ministries of interior, labour, health, education and foreign affairs, with local governments, the private sector, civil society and migrant community leaders.",
    themes: ["settlement", "economic_integration", "health", "education", "anti_discrimination"],
    convenerOrganisationId: orgs.ministry!.id,
    createdById: focalPoint.id,
  });
  await writePromises(national.id);
  for (const ministry of [labour, health, education, foreignAffairs]) {
    await participate(national.id, ministry!.id, "COLLABORATE", focalPoint.id);
  }
  await participate(national.id, orgs.city!.id, "COLLABORATE", focalPoint.id, [
    {
      from: "INVOLVE",
      kind: "changed",
      rationale: "The city co-leads the settlement pillar of the national plan.",
      daysAgo: 120,
    },
  ]);
  await participate(national.id, orgs.cso!.id, "INVOLVE", focalPoint.id, [
    {
      from: "CONSULT",
      kind: "request-approved",
      rationale: "Their frontline data on newcomer housing is needed throughout the process.",
      daysAgo: 45,
    },
  ]);
  await participate(national.id, orgs.forim!.id, "INVOLVE", focalPoint.id);
  await participate(national.id, orgs.union!.id, "CONSULT", focalPoint.id);
  await participate(national.id, orgs.employers!.id, "CONSULT", focalPoint.id);
  await participate(national.id, orgs.university!.id, "INFORM", focalPoint.id);
  await addDelegate(national.id, orgs.cso!.id, csoRep.id, true);
  // The ministry's focal point for the group: she decides who takes part; her colleagues do the everyday work.
  await addDelegate(national.id, orgs.ministry!.id, focalPoint.id, true);
  await db().levelRequest.create({
    data: {
      spaceId: national.id,
      organisationId: orgs.forim!.id,
      requestedLevel: "COLLABORATE",
      reason:
        "FORIM's member associations co-finance the diaspora investment action and should co-own its monitoring.",
      requestedById: csoRep.id,
    },
  });

  // Ottawa Local Immigration Partnership (seed 000: 1241-1295).
  const lip = await createSpace({
    title: "Ottawa Local Immigration Partnership",
    kind: "local_immigration_partnership",
    governanceLevel: "local",
    place: "Ottawa",
    mandate:
      "A partnership of 60 local organisations in five sectors — settlement and orientation; economic integration; health and wellbeing; language training and interpretation; socio-civic integration — implementing the Ottawa Immigration Strategy.",
    themes: ["settlement", "economic_integration", "health", "language", "civic_participation"],
    parentId: national.id,
    convenerOrganisationId: orgs.city!.id,
    createdById: officer.id,
  });
  await writePromises(lip.id);
  await addDelegate(lip.id, orgs.city!.id, officer.id, true);
  await participate(lip.id, orgs.cso!.id, "COLLABORATE", officer.id);
  await addDelegate(lip.id, orgs.cso!.id, csoRep.id, true);
  await participate(lip.id, orgs.university!.id, "INVOLVE", officer.id);
  const partners: Record<string, string> = {};
  for (const [name, type, level] of ottawaPartners) {
    const partner = await createOrganisation({
      name,
      type,
      governanceLevel: "local",
      place: "Ottawa",
      country: "CA",
    });
    await participate(lip.id, partner.id, level, officer.id);
    partners[name] = partner.id;
  }

  // An invitation still waiting: the conveners and the invited network see it and its message, no one else.
  const youth = await createOrganisation({
    name: "Ottawa Newcomer Youth Network",
    type: "cso",
    governanceLevel: "local",
    place: "Ottawa",
    country: "CA",
  });
  await addParticipant(lip.id, youth.id, "INVOLVE", { status: "invited" });
  await db().levelChange.create({
    data: {
      spaceId: lip.id,
      organisationId: youth.id,
      toLevel: "INVOLVE",
      kind: "invited",
      rationale:
        "Young newcomers are missing from the partnership: we would like you to shape the youth pillar.",
      changedById: officer.id,
      createdAt: daysAgo(4),
    },
  });

  const answered = [
    {
      text: "Interpretation is not available at the walk-in clinic on weekends; newcomer families wait for a relative to translate.",
      theme: "health",
      status: "addressed",
      answer:
        "Telephone interpretation in 12 languages starts at all three walk-in clinics next month; funding is in the 2027 health line.",
    },
    {
      text: "Language classes end at 17:00, when most newcomer women collect their children.",
      theme: "language",
      status: "answered",
      answer:
        "Two evening classes with childcare open in January at the Somerset West centre; we will report on attendance in March.",
    },
  ];
  for (const concern of answered) {
    await db().concern.create({
      data: {
        ...concern,
        spaceId: lip.id,
        organisationId: orgs.cso!.id,
        raisedById: csoRep.id,
        answeredById: officer.id,
        answeredAt: daysAgo(10),
        createdAt: daysAgo(40),
      },
    });
  }
  for (const [text, theme, age] of [
    [
      "Landlords ask newcomers for twelve months' rent in advance; families without a credit history cannot rent.",
      "housing",
      19,
    ],
    [
      "Foreign-trained nurses wait more than two years for credential recognition.",
      "economic_integration",
      6,
    ],
  ] as const) {
    await db().concern.create({
      data: {
        spaceId: lip.id,
        organisationId: orgs.cso!.id,
        raisedById: csoRep.id,
        text,
        theme,
        createdAt: daysAgo(age),
      },
    });
  }
  await db().spaceUpdate.createMany({
    data: [
      {
        spaceId: lip.id,
        kind: "priority",
        title: "Priorities for 2027: housing and credential recognition",
        body: "The partnership council agreed two priorities for next year, following the Immigration Forum.",
        authorId: officer.id,
        organisationId: orgs.city!.id,
        createdAt: daysAgo(12),
      },
      {
        spaceId: lip.id,
        kind: "announcement",
        title: "Welcoming Ottawa Week: call for activities",
        body: "Partners can propose activities for Welcoming Ottawa Week until the end of the month.",
        authorId: officer.id,
        organisationId: orgs.city!.id,
        createdAt: daysAgo(3),
      },
    ],
  });

  // Bicol: a regional committee with a local technical working group under it (seed 003: 1731-1811).
  const dmw = await government({
    name: "Department of Migrant Workers — Bicol Regional Office",
    type: "regional_authority",
    governanceLevel: "regional",
    place: "Legazpi City",
    country: "PH",
  });
  const naga = await government({
    name: "City Government of Naga",
    type: "local_authority",
    governanceLevel: "local",
    place: "Naga City",
    country: "PH",
  });
  const bicolOfficer = await createPerson({
    name: "Maria Santos",
    email: "maria.santos@dmw-bicol.example",
    password: "concord-demo-2026",
  });
  await addMember(bicolOfficer.id, dmw.id, { role: "admin", isFocalPoint: true });
  const bicol = await createSpace({
    title: "Bicol Regional Committee on Migration and Development",
    kind: "committee_on_migration_and_development",
    governanceLevel: "regional",
    place: "Legazpi City",
    mandate:
      "Fourteen regional agencies, ten provinces and cities and six migrant organisations mainstream migration and development into local development plans, and run the Migrant Resource Centre.",
    themes: ["economic_integration", "family", "social_cohesion"],
    convenerOrganisationId: dmw.id,
    createdById: bicolOfficer.id,
  });
  await writePromises(bicol.id);
  await addDelegate(bicol.id, dmw.id, bicolOfficer.id, true);
  await participate(bicol.id, naga.id, "COLLABORATE", bicolOfficer.id);
  await participate(bicol.id, orgs.mfa!.id, "INVOLVE", bicolOfficer.id);
  const sorsogon = await createSpace({
    title: "Sorsogon local technical working group on migration and development",
    kind: "thematic_table",
    governanceLevel: "local",
    place: "Sorsogon City",
    mandate:
      "Local governments, CSOs, academic and religious organisations and families of migrants plan reintegration services.",
    themes: ["family", "economic_integration"],
    parentId: bicol.id,
    convenerOrganisationId: naga.id,
    createdById: bicolOfficer.id,
  });
  await writePromises(sorsogon.id);
  await participate(sorsogon.id, orgs.mfa!.id, "EMPOWER", bicolOfficer.id);
  return { nationalId: national.id, lipId: lip.id, partners };
}
