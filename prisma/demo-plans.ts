import { db } from "~/utils/db.server";
import { addMember, createPerson } from "./factories/people";
import { addDelegate } from "./factories/spaces";

type Ids = { id: string };
const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);
const utcDay = (value: string) => new Date(`${value}T00:00:00Z`);

/**
 * The Ottawa LIP's action plan (issue 10, DEMO-DATA.md "Action plan material"): goals keyed to integration
 * domains; actions led and partnered by CSOs at COLLABORATE and EMPOWER, with sub-actions; progress reports
 * approved, proposed and returned; an action at risk and one overdue; adopted with two co-signatures.
 */
export async function loadDemoPlans(
  orgs: Record<string, Ids>,
  spaces: { lipId: string; partners: Record<string, string> },
  people: { officer: Ids; csoRep: Ids },
) {
  const { lipId, partners } = spaces;
  const { officer, csoRep } = people;
  const city = orgs.city!.id;
  const ocisc = orgs.cso!.id;
  const iwso = partners["Immigrant Women Services Ottawa"]!;
  const cci = partners["Catholic Centre for Immigrants"]!;
  const hio = partners["Hire Immigrants Ottawa"]!;
  const ocdsb = partners["Ottawa-Carleton District School Board"]!;

  // Immigrant Women Services Ottawa's focal point, who leads the childcare action and co-signs.
  const iwsoLead = await createPerson({
    name: "Halima Warsame",
    email: "halima.warsame@iwso.example",
    password: "concord-demo-2026",
  });
  await addMember(iwsoLead.id, iwso, { role: "admin", isFocalPoint: true });
  await addDelegate(lipId, iwso, iwsoLead.id, true);

  const plan = await db().actionPlan.create({
    data: {
      spaceId: lipId,
      title: "Ottawa Immigration Strategy — action plan 2026–2028",
      periodFrom: utcDay("2026-01-01"),
      periodTo: utcDay("2028-12-31"),
      status: "adopted",
      adoptedOn: utcDay("2026-02-16"),
      adoptionDecision:
        "Ottawa LIP Council, resolution 2026-02: the partners adopt the 2026–2028 action plan of the Ottawa Immigration Strategy and report on it at each quarterly council.",
      adoptedById: officer.id,
      createdById: officer.id,
      createdAt: daysAgo(320),
    },
  });
  await db().planSignature.createMany({
    data: [
      { planId: plan.id, organisationId: ocisc, personId: csoRep.id, signedAt: daysAgo(292) },
      { planId: plan.id, organisationId: iwso, personId: iwsoLead.id, signedAt: daysAgo(291) },
    ],
  });

  const goal = (position: number, domain: string, sdgTarget: string, title: string, description: string) =>
    db().planGoal.create({ data: { planId: plan.id, position, domain, sdgTarget, title, description } });
  const language = await goal(
    1,
    "language",
    "4.6",
    "Newcomer women reach the language classes they need",
    "Women with young children are half as likely to finish a language course; childcare is the first reason they give.",
  );
  const economic = await goal(
    2,
    "economic",
    "8.8",
    "Newcomers work at the level of their skills",
    "Mentoring and credential recognition with Ottawa employers.",
  );
  const equality = await goal(
    3,
    "equality_non_discrimination",
    "10.3",
    "Ottawa answers rumours about migrants with facts",
    "",
  );
  const civic = await goal(4, "civic_participation", "16.7", "Migrants vote in municipal elections", "");

  type ActionData = {
    goalId: string;
    parentId?: string;
    position: number;
    title: string;
    problem?: string;
    lead: string;
    leadDelegateId?: string;
    partners?: string[];
    start: string;
    due: string;
    status?: string;
    statusReason?: string;
    progress?: number;
  };
  const action = async (input: ActionData) => {
    const created = await db().planAction.create({
      data: {
        planId: plan.id,
        goalId: input.goalId,
        parentId: input.parentId ?? null,
        position: input.position,
        title: input.title,
        problem: input.problem ?? "",
        leadOrganisationId: input.lead,
        leadDelegateId: input.leadDelegateId ?? null,
        startDate: utcDay(input.start),
        dueDate: utcDay(input.due),
        status: input.status ?? "not_started",
        statusReason: input.statusReason ?? "",
        progress: input.progress ?? 0,
      },
    });
    for (const partner of input.partners ?? [])
      await db().planActionPartner.create({ data: { actionId: created.id, organisationId: partner } });
    return created;
  };

  const childcare = await action({
    goalId: language.id,
    position: 1,
    title: "Childcare during language courses for migrant women",
    problem: "Mothers of young children drop out of language classes for lack of childcare.",
    lead: iwso,
    leadDelegateId: iwsoLead.id,
    partners: [ocisc, ocdsb],
    start: "2026-03-01",
    due: "2027-06-30",
    status: "on_track",
    progress: 60,
  });
  const creches = await action({
    goalId: language.id,
    parentId: childcare.id,
    position: 1,
    title: "Open crèches beside the evening classes",
    lead: ocdsb,
    partners: [iwso],
    start: "2026-03-01",
    due: "2026-09-30",
    status: "done",
    statusReason: "Three crèches open at Rideau, Vanier and Bayshore since September.",
    progress: 100,
  });
  const minders = await action({
    goalId: language.id,
    parentId: childcare.id,
    position: 2,
    title: "Train volunteer child minders from the communities",
    lead: iwso,
    leadDelegateId: iwsoLead.id,
    partners: [ocisc],
    start: "2026-06-01",
    due: "2027-06-30",
    status: "on_track",
    progress: 40,
  });
  const mentoring = await action({
    goalId: economic.id,
    position: 1,
    title: "Mentoring and credential recognition with employers",
    problem: "Engineers, nurses and teachers trained abroad wait years for their credentials to count.",
    lead: hio,
    partners: [cci, ocisc],
    start: "2026-02-01",
    due: "2027-12-31",
    status: "at_risk",
    statusReason: "Two of the five founding employers withdrew from the mentoring pool.",
    progress: 30,
  });
  await action({
    goalId: economic.id,
    parentId: mentoring.id,
    position: 1,
    title: "Employer round table on credential recognition",
    lead: hio,
    start: "2026-04-01",
    due: "2026-09-30",
    status: "delayed",
    statusReason: "The round table moved twice for lack of a regulator's participation.",
    progress: 50,
  });
  await action({
    goalId: equality.id,
    position: 1,
    title: "Anti-rumour campaign with community ambassadors",
    problem: "Rumours that newcomers take housing and jobs from others circulate unanswered.",
    lead: ocisc,
    leadDelegateId: csoRep.id,
    partners: [cci],
    start: "2026-05-01",
    due: "2027-05-31",
    status: "on_track",
    progress: 55,
  });
  await action({
    goalId: civic.id,
    position: 1,
    title: "Migrant voters campaign before the 2026 municipal election",
    lead: city,
    leadDelegateId: officer.id,
    partners: [ocisc],
    start: "2026-06-01",
    due: "2026-10-26",
    status: "done",
    statusReason: "Forty information sessions in twelve languages; turnout figures are with the city clerk.",
    progress: 100,
  });

  await db().progressReport.createMany({
    data: [
      {
        actionId: creches.id,
        organisationId: iwso,
        authorId: iwsoLead.id,
        periodFrom: utcDay("2026-07-01"),
        periodTo: utcDay("2026-09-30"),
        text: "The third crèche opened at Bayshore; 74 children are looked after during evening classes.",
        percent: 100,
        proposedStatus: "done",
        statusReason: "Three crèches open at Rideau, Vanier and Bayshore since September.",
        state: "approved",
        reviewerId: officer.id,
        reviewComment: "Thank you — we will share the enrolment figures at the council.",
        reviewedAt: daysAgo(58),
        createdAt: daysAgo(60),
      },
      {
        actionId: minders.id,
        organisationId: iwso,
        authorId: iwsoLead.id,
        periodFrom: utcDay("2026-07-01"),
        periodTo: utcDay("2026-09-30"),
        text: "Eighteen volunteers trained in first aid and early-childhood basics; six more in the autumn cohort.",
        percent: 40,
        proposedStatus: "on_track",
        state: "approved",
        reviewerId: officer.id,
        reviewedAt: daysAgo(50),
        createdAt: daysAgo(52),
      },
      {
        actionId: minders.id,
        organisationId: ocisc,
        authorId: csoRep.id,
        periodFrom: utcDay("2026-10-01"),
        periodTo: utcDay("2026-11-30"),
        text: "The autumn cohort finished: twenty-four volunteers in all, speaking nine languages.",
        percent: 55,
        proposedStatus: "on_track",
        state: "proposed",
        createdAt: daysAgo(3),
      },
      {
        actionId: mentoring.id,
        organisationId: ocisc,
        authorId: csoRep.id,
        periodFrom: utcDay("2026-07-01"),
        periodTo: utcDay("2026-09-30"),
        text: "Mentoring pairs are up.",
        milestone: "First 20 mentoring pairs",
        proposedStatus: "on_track",
        state: "returned",
        reviewerId: officer.id,
        reviewComment:
          "Please say how many pairs were matched and with which employers, and the status is at risk.",
        reviewedAt: daysAgo(40),
        createdAt: daysAgo(44),
      },
    ],
  });

  // Indicators with baselines, targets and two periods of actuals (counts only, no individual records).
  const enrolled = await db().planIndicator.create({
    data: {
      actionId: childcare.id,
      position: 1,
      title: "Mothers of young children enrolled in evening language classes",
      measure: "unit",
      unit: "women enrolled",
      ascending: true,
      baselineDate: utcDay("2025-12-31"),
      baselineValue: 85,
      baselineComment: "Enrolment in the three evening programmes before the crèches opened.",
      meansOfVerification: "Enrolment registers of the school boards (counts only)",
    },
  });
  const completion = await db().planIndicator.create({
    data: {
      actionId: childcare.id,
      position: 2,
      title: "Share of enrolled mothers who complete the course",
      measure: "percentage",
      ascending: true,
      baselineDate: utcDay("2025-12-31"),
      baselineValue: 41,
      meansOfVerification: "Course completion records (counts only)",
    },
  });
  const values: [string, string, string, number, string][] = [
    [enrolled.id, "target", "2026-Q2", 110, ""],
    [enrolled.id, "target", "2026-Q3", 140, ""],
    [enrolled.id, "actual", "2026-Q2", 104, "Rideau and Vanier crèches open."],
    [enrolled.id, "actual", "2026-Q3", 151, "Bayshore crèche opened in September."],
    [completion.id, "target", "2026-Q2", 50, ""],
    [completion.id, "target", "2026-Q3", 60, ""],
    [completion.id, "actual", "2026-Q2", 48, ""],
    [completion.id, "actual", "2026-Q3", 63, ""],
  ];
  for (const [indicatorId, kind, period, value, comment] of values)
    await db().indicatorValue.create({
      data: {
        indicatorId,
        kind,
        period,
        value,
        comment,
        organisationId: kind === "target" ? city : iwso,
        authorId: kind === "target" ? officer.id : iwsoLead.id,
      },
    });

  await loadSorsogonPlan();
}

/** The Sorsogon working group's plan, which the Bicol regional committee's plan page rolls up by domain. */
async function loadSorsogonPlan() {
  const sorsogon = await db().space.findFirstOrThrow({
    where: { title: "Sorsogon local technical working group on migration and development" },
  });
  const naga = await db().organisation.findFirstOrThrow({ where: { name: "City Government of Naga" } });
  const officer = await db().person.findUniqueOrThrow({ where: { email: "maria.santos@dmw-bicol.example" } });
  const plan = await db().actionPlan.create({
    data: {
      spaceId: sorsogon.id,
      title: "Sorsogon reintegration plan 2026–2027",
      periodFrom: utcDay("2026-01-01"),
      periodTo: utcDay("2027-12-31"),
      status: "adopted",
      adoptedOn: utcDay("2026-03-02"),
      adoptionDecision: "Sorsogon LTWG, resolution 2026-01.",
      adoptedById: officer.id,
      createdById: officer.id,
    },
  });
  const goals = [
    { domain: "economic", title: "Returning workers start or join local enterprises", progress: [70, 35] },
    { domain: "family", title: "Families left behind reach counselling and support", progress: [50] },
    { domain: "development_planning", title: "Migration is in the city's development plan", progress: [100] },
  ];
  for (const [index, goal] of goals.entries()) {
    const created = await db().planGoal.create({
      data: { planId: plan.id, position: index + 1, domain: goal.domain, title: goal.title },
    });
    for (const [position, progress] of goal.progress.entries())
      await db().planAction.create({
        data: {
          planId: plan.id,
          goalId: created.id,
          position: position + 1,
          title: `${goal.title} — step ${position + 1}`,
          leadOrganisationId: naga.id,
          startDate: utcDay("2026-03-01"),
          dueDate: utcDay("2027-12-31"),
          status: progress === 100 ? "done" : "on_track",
          statusReason: progress === 100 ? "Adopted in the city's development plan." : "",
          progress,
        },
      });
  }
}
