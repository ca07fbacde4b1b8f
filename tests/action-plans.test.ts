import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addMember, createMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

/*
 * Issue 10, shared action plans: who may read, draft, own, report, review, co-sign and adopt (per level, from
 * the Permissions section), the progress-report approval flow, bad input answered with the form and
 * its message (not a 500), and 404 for anyone outside the space.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Level = "INFORM" | "CONSULT" | "INVOLVE" | "COLLABORATE" | "EMPOWER";

async function participant(spaceId: string, level: Level, name: string) {
  const { organisation, admin } = await createParticipantOrganisation(spaceId, level, {
    organisation: { name: `${name} ${level} ${Math.random().toString(36).slice(2, 8)}` },
  });
  return { organisation, admin, client: await Browserless.signedIn(server.origin, admin.email) };
}

/** A space with a convener, CSOs at every level that matters, an outsider, and the plan started. */
async function planSpace() {
  const { space, focalPoint, convener } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
  const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
  const [lead, partner, empowered, involved, consulted] = await Promise.all([
    participant(space.id, "COLLABORATE", "Lead Services"),
    participant(space.id, "COLLABORATE", "Partner Centre"),
    participant(space.id, "EMPOWER", "Empowered Association"),
    participant(space.id, "INVOLVE", "Involved Network"),
    participant(space.id, "CONSULT", "Consulted Group"),
  ]);
  const outsider = await createMember({ organisation: { name: `Elsewhere ${Math.random()}` } });
  const outsiderClient = await Browserless.signedIn(server.origin, outsider.person.email);
  const base = `/spaces/${space.id}/plan`;
  return {
    space,
    convener,
    focalPoint,
    convenerClient,
    lead,
    partner,
    empowered,
    involved,
    consulted,
    outsiderClient,
    base,
  };
}

const planForm = {
  title: "Ottawa Immigration Strategy 2027-2029",
  periodFrom: "2027-01-01",
  periodTo: "2029-12-31",
};
const goalForm = {
  domain: "economic",
  sdgTarget: "8.8",
  title: "Newcomers find work that matches their skills",
  description: "",
};

function actionBody(fields: Record<string, string>, partners: string[] = []) {
  const body = new URLSearchParams(fields);
  for (const partner of partners) body.append("partnerOrganisationIds", partner);
  return body;
}

const form = { "Content-Type": "application/x-www-form-urlencoded" };

async function startPlan(setup: Awaited<ReturnType<typeof planSpace>>) {
  const { convenerClient, base, space } = setup;
  expect((await convenerClient.post(`${base}/edit`, planForm)).status).toBe(302);
  expect((await convenerClient.post(`${base}/goals/new`, goalForm)).status).toBe(302);
  const goal = await db().planGoal.findFirstOrThrow({ where: { plan: { spaceId: space.id } } });
  return goal;
}

async function addAction(
  setup: Awaited<ReturnType<typeof planSpace>>,
  goalId: string,
  lead: string,
  partners: string[],
  extra: Record<string, string> = {},
) {
  const response = await setup.convenerClient.postBody(
    `${setup.base}/actions/new`,
    actionBody(
      {
        goalId,
        title: "Mentoring and credential recognition with employers",
        problem: "Skilled newcomers wait years for their credentials to count.",
        leadOrganisationId: lead,
        startDate: "2027-02-01",
        dueDate: "2027-12-31",
        ...extra,
      },
      partners,
    ),
    form,
  );
  return response;
}

describe("drafting the plan", () => {
  it("lets a convener start the plan, add a goal and an action with a lead, a partner and their delegates", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    const partnerPerson = await createPerson({ name: "Partner Delegate" });
    await addMember(partnerPerson.id, setup.partner.organisation.id);
    const response = await addAction(
      setup,
      goal.id,
      setup.lead.organisation.id,
      [setup.partner.organisation.id],
      {
        leadDelegateId: setup.lead.admin.id,
        [`delegate-${setup.partner.organisation.id}`]: partnerPerson.id,
      },
    );
    expect(response.status).toBe(302);
    const action = await db().planAction.findFirstOrThrow({
      where: { goalId: goal.id },
      include: { partners: true },
    });
    expect(action).toMatchObject({
      leadOrganisationId: setup.lead.organisation.id,
      leadDelegateId: setup.lead.admin.id,
      status: "not_started",
      progress: 0,
    });
    expect(action.partners).toMatchObject([
      { organisationId: setup.partner.organisation.id, delegateId: partnerPerson.id },
    ]);
    for (const audited of ["plan.created", "plan.goal-added", "plan.action-added"])
      expect(await db().auditEvent.count({ where: { spaceId: setup.space.id, action: audited } })).toBe(1);

    const page = await (await setup.convenerClient.get(setup.base)).text();
    expect(page).toContain("Ottawa Immigration Strategy 2027-2029");
    expect(page).toContain("Newcomers find work that matches their skills");
    expect(page).toContain("Mentoring and credential recognition with employers");
    expect(page).toContain(setup.partner.organisation.name);
    expect(page).toContain("Progress is averaged, not weighted");
  });

  it("lets INFORM to INVOLVE read the plan but not draft it; COLLABORATE drafts; outsiders find nothing", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    expect((await addAction(setup, goal.id, setup.lead.organisation.id, [])).status).toBe(302);
    const action = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    const pages = [setup.base, `${setup.base}/actions/${action.id}`];

    for (const reader of [setup.consulted, setup.involved]) {
      for (const page of pages) {
        const response = await reader.client.get(page);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain("Mentoring and credential recognition");
      }
      expect((await reader.client.get(`${setup.base}/edit`)).status).toBe(403);
      expect((await reader.client.post(`${setup.base}/goals/new`, goalForm)).status).toBe(403);
      const page = await (await reader.client.get(setup.base)).text();
      expect(page).not.toContain("Add a goal");
    }

    const collaborator = setup.partner.client;
    expect(
      (await collaborator.post(`${setup.base}/goals/new`, { ...goalForm, title: "Language for all" })).status,
    ).toBe(302);
    expect(await db().planGoal.count({ where: { plan: { spaceId: setup.space.id } } })).toBe(2);

    for (const page of [
      ...pages,
      `${setup.base}/edit`,
      `${setup.base}/goals/${goal.id}`,
      `${setup.base}/actions/${action.id}/edit`,
    ])
      expect((await setup.outsiderClient.get(page)).status).toBe(404);
    expect((await setup.outsiderClient.post(`${setup.base}/goals/new`, goalForm)).status).toBe(404);
    // Another space's action under this space's address is not there either.
    const other = await createConvenedSpace({ space: { title: "Elsewhere committee" } });
    expect(
      (await setup.convenerClient.get(`/spaces/${other.space.id}/plan/actions/${action.id}`)).status,
    ).toBe(404);
  });

  it("answers bad input with the form, its message and what was typed — never a 500", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);

    const early = await addAction(setup, goal.id, setup.lead.organisation.id, [], { dueDate: "2027-01-15" });
    expect(early.status).toBe(400);
    const earlyPage = await early.text();
    expect(earlyPage).toContain("The due date must not be before the start date.");
    expect(earlyPage).toContain("Skilled newcomers wait years for their credentials to count.");

    const involvedLead = await addAction(setup, goal.id, setup.involved.organisation.id, []);
    expect(involvedLead.status).toBe(400);
    expect(await involvedLead.text()).toContain(
      "The lead must be a convener or an organisation at Collaborate or above in this space.",
    );
    const consultedPartner = await addAction(setup, goal.id, setup.lead.organisation.id, [
      setup.consulted.organisation.id,
    ]);
    expect(consultedPartner.status).toBe(400);
    expect(await consultedPartner.text()).toContain(
      "Partners must be conveners or organisations at Collaborate",
    );
    const strangerDelegate = await addAction(setup, goal.id, setup.lead.organisation.id, [], {
      leadDelegateId: setup.partner.admin.id,
    });
    expect(strangerDelegate.status).toBe(400);
    expect(await strangerDelegate.text()).toContain(
      "A responsible person must belong to their organisation.",
    );
    const badDate = await addAction(setup, goal.id, setup.lead.organisation.id, [], {
      startDate: "2027-02-30x",
    });
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain("Enter a date like 2027-03-31.");
    expect(await db().planAction.count({ where: { goalId: goal.id } })).toBe(0);

    // A cycle: an action cannot move under its own sub-action.
    expect((await addAction(setup, goal.id, setup.lead.organisation.id, [])).status).toBe(302);
    const parent = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    expect(
      (
        await addAction(setup, goal.id, setup.lead.organisation.id, [], {
          parentId: parent.id,
          title: "Employer fair",
        })
      ).status,
    ).toBe(302);
    const child = await db().planAction.findFirstOrThrow({ where: { parentId: parent.id } });
    const cycle = await setup.convenerClient.postBody(
      `${setup.base}/actions/${parent.id}/edit`,
      actionBody({
        goalId: goal.id,
        parentId: child.id,
        title: parent.title,
        leadOrganisationId: setup.lead.organisation.id,
        startDate: "2027-02-01",
        dueDate: "2027-12-31",
      }),
      form,
    );
    expect(cycle.status).toBe(400);
    expect(await cycle.text()).toContain(
      "An action cannot be a sub-action of itself or of one of its own sub-actions.",
    );
    expect((await db().planAction.findUniqueOrThrow({ where: { id: parent.id } })).parentId).toBeNull();

    const badGoal = await setup.convenerClient.post(`${setup.base}/goals/new`, {
      ...goalForm,
      domain: "immigration_status",
    });
    expect(badGoal.status).toBe(400);
    expect(await badGoal.text()).toContain("Choose one of the options.");
    expect((await setup.convenerClient.get(`${setup.base}/actions/not-an-action`)).status).toBe(404);
    expect((await setup.convenerClient.get(`${setup.base}/goals/not-a-goal`)).status).toBe(404);
  });
});

describe("progress reports", () => {
  const report = (fields: Record<string, string> = {}) => ({
    intent: "report",
    periodFrom: "2027-01-01",
    periodTo: "2027-03-31",
    text: "Twelve employers signed up to mentor.",
    percent: "40",
    proposedStatus: "on_track",
    ...fields,
  });

  it("keeps a partner's report proposed until a convener approves it; then the action moves", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    await addAction(setup, goal.id, setup.lead.organisation.id, [setup.partner.organisation.id]);
    const action = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    const page = `${setup.base}/actions/${action.id}`;

    // Neither an INVOLVE organisation nor a COLLABORATE one off the action may report on it.
    expect((await setup.involved.client.post(page, report())).status).toBe(403);
    expect((await setup.empowered.client.post(page, report())).status).toBe(403);
    expect(await (await setup.involved.client.get(page)).text()).not.toContain("Send the report");

    const bad = await setup.partner.client.post(page, report({ percent: "forty" }));
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("Enter a whole number from 0 to 100.");
    expect(badPage).toContain("Twelve employers signed up to mentor.");
    const noReason = await setup.partner.client.post(page, report({ proposedStatus: "delayed" }));
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Give a reason for this status.");
    expect(await db().progressReport.count({ where: { actionId: action.id } })).toBe(0);

    expect((await setup.partner.client.post(page, report())).status).toBe(302);
    const proposed = await db().progressReport.findFirstOrThrow({ where: { actionId: action.id } });
    expect(proposed).toMatchObject({
      state: "proposed",
      organisationId: setup.partner.organisation.id,
      percent: 40,
    });
    expect(await db().planAction.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({
      progress: 0,
      status: "not_started",
    });

    // The conveners and the lead organisation hear of it; the partner's own admin does not.
    for (const personId of [setup.focalPoint.id, setup.lead.admin.id])
      expect(
        await db().notification.count({
          where: { personId, message: "notifications.messages.planReportProposed" },
        }),
      ).toBe(1);
    expect(await db().notification.count({ where: { personId: setup.partner.admin.id } })).toBe(0);
    expect(await (await setup.convenerClient.get("/notifications")).text()).toContain(
      `${setup.partner.organisation.name} reported progress on “Mentoring and credential recognition with employers” in Ottawa LIP`,
    );

    // The lead at COLLABORATE holds no delegated decision: it may not approve.
    expect(await (await setup.lead.client.get(page)).text()).not.toContain(">Approve<");
    const review = { intent: "review", reportId: proposed.id, decision: "approve", comment: "" };
    expect((await setup.lead.client.post(page, review)).status).toBe(403);
    expect((await setup.partner.client.post(page, review)).status).toBe(403);

    const noComment = await setup.convenerClient.post(page, { ...review, decision: "return" });
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain("Say why you return the report.");

    expect((await setup.convenerClient.post(page, review)).status).toBe(302);
    expect(await db().planAction.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({
      progress: 40,
      status: "on_track",
    });
    expect(await db().progressReport.findUniqueOrThrow({ where: { id: proposed.id } })).toMatchObject({
      state: "approved",
      reviewerId: setup.focalPoint.id,
    });
    expect(
      await db().notification.count({
        where: { personId: setup.partner.admin.id, message: "notifications.messages.planReportApproved" },
      }),
    ).toBe(1);
    // Reviewed once: a second decision is refused with a message.
    const again = await setup.convenerClient.post(page, {
      ...review,
      decision: "return",
      comment: "Too late",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This report has been reviewed already.");
    expect(
      await db().auditEvent.count({ where: { action: "plan.report-approved", subjectId: proposed.id } }),
    ).toBe(1);
    const overview = await (await setup.convenerClient.get(setup.base)).text();
    expect(overview).toMatch(/Progress \(approved\)<!-- -->: <!-- -->40%/);
  });

  it("gives an EMPOWER lead the decision on its partners' reports, not on its own", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    await addAction(setup, goal.id, setup.empowered.organisation.id, [setup.partner.organisation.id]);
    const action = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    const page = `${setup.base}/actions/${action.id}`;

    expect((await setup.partner.client.post(page, report({ percent: "25" }))).status).toBe(302);
    expect(
      (await setup.empowered.client.post(page, report({ percent: "30", text: "Our own count." }))).status,
    ).toBe(302);
    const partnerReport = await db().progressReport.findFirstOrThrow({
      where: { actionId: action.id, organisationId: setup.partner.organisation.id },
    });
    const ownReport = await db().progressReport.findFirstOrThrow({
      where: { actionId: action.id, organisationId: setup.empowered.organisation.id },
    });

    const own = { intent: "review", reportId: ownReport.id, decision: "approve", comment: "" };
    expect((await setup.empowered.client.post(page, own)).status).toBe(403);
    const returned = {
      intent: "review",
      reportId: partnerReport.id,
      decision: "return",
      comment: "Add the employer list.",
    };
    expect((await setup.empowered.client.post(page, returned)).status).toBe(302);
    expect(await db().progressReport.findUniqueOrThrow({ where: { id: partnerReport.id } })).toMatchObject({
      state: "returned",
      reviewComment: "Add the employer list.",
    });
    expect((await db().planAction.findUniqueOrThrow({ where: { id: action.id } })).progress).toBe(0);
  });

  it("rolls progress up as an average: sub-actions → action → goal", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    await addAction(setup, goal.id, setup.lead.organisation.id, []);
    const parent = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    for (const title of ["Employer fair", "Credential clinic"])
      await addAction(setup, goal.id, setup.lead.organisation.id, [], { parentId: parent.id, title });
    const [fair, clinic] = await db().planAction.findMany({
      where: { parentId: parent.id },
      orderBy: { position: "asc" },
    });
    await db().planAction.update({ where: { id: fair!.id }, data: { progress: 100, status: "done" } });
    await db().planAction.update({ where: { id: clinic!.id }, data: { progress: 50 } });
    await addAction(setup, goal.id, setup.lead.organisation.id, [], { title: "Dropped idea" });
    const dropped = await db().planAction.findFirstOrThrow({
      where: { title: "Dropped idea", goalId: goal.id },
    });
    await db().planAction.update({ where: { id: dropped.id }, data: { status: "dropped", progress: 0 } });

    const page = await (await setup.convenerClient.get(setup.base)).text();
    // (100 + 50) / 2 = 75 for the parent; the dropped action is left out of the goal's average.
    expect(page).toMatch(/Sub-actions \(averaged\)<!-- -->: <!-- -->75%/);
    expect(page).toMatch(/Goal progress \(averaged\)<!-- -->: <!-- -->75%/);
  });
});

describe("adoption", () => {
  it("takes co-signatures from COLLABORATE admins and lead delegates, then a convener adopts and edits stop", async () => {
    const setup = await planSpace();
    await startPlan(setup);
    const member = await createPerson();
    await addMember(member.id, setup.lead.organisation.id);
    const memberClient = await Browserless.signedIn(server.origin, member.email);

    expect((await setup.involved.client.post(setup.base, { intent: "co-sign" })).status).toBe(403);
    expect((await memberClient.post(setup.base, { intent: "co-sign" })).status).toBe(403);
    expect((await setup.lead.client.post(setup.base, { intent: "co-sign" })).status).toBe(302);
    expect((await setup.empowered.client.post(setup.base, { intent: "co-sign" })).status).toBe(302);
    expect(await db().planSignature.count({ where: { plan: { spaceId: setup.space.id } } })).toBe(2);

    const adopt = { intent: "adopt", adoptedOn: "2027-01-15", decision: "Council resolution 2027-04" };
    expect((await setup.lead.client.post(setup.base, adopt)).status).toBe(403);
    const missing = await setup.convenerClient.post(setup.base, { ...adopt, decision: "" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("This field is required.");
    expect((await setup.convenerClient.post(setup.base, adopt)).status).toBe(302);
    const plan = await db().actionPlan.findUniqueOrThrow({ where: { spaceId: setup.space.id } });
    expect(plan).toMatchObject({ status: "adopted", adoptionDecision: "Council resolution 2027-04" });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "plan.adopted", subjectId: plan.id },
    });
    expect(JSON.parse(audit.detail).coSignedBy).toHaveLength(2);

    const page = await (await setup.consulted.client.get(setup.base)).text();
    expect(page).toContain("Council resolution 2027-04");
    expect(page).toContain(setup.lead.organisation.name);

    const late = await setup.convenerClient.post(`${setup.base}/goals/new`, goalForm);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("The plan can be edited only while it is a draft or under review.");
    expect(
      (await setup.convenerClient.post(setup.base, { intent: "status", status: "under_review" })).status,
    ).toBe(302);
    expect(await db().planSignature.count({ where: { planId: plan.id } })).toBe(0);
    expect((await setup.convenerClient.post(`${setup.base}/goals/new`, goalForm)).status).toBe(302);
  });
});

describe("the CSV export of actions", () => {
  it("lists every action with its owners and status, escapes formulas, and is 404 outside the space", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    await addAction(setup, goal.id, setup.lead.organisation.id, [setup.partner.organisation.id], {
      title: '=HYPERLINK("http://evil.example")',
    });
    const response = await setup.consulted.client.get(`${setup.base}/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const csv = await response.text();
    const [header, row] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("action id,parent action id,goal,integration domain");
    expect(row).toContain("'=HYPERLINK");
    expect(row).toContain(setup.lead.organisation.name);
    expect(row).toContain(setup.partner.organisation.name);
    expect(row).toContain("2027-02-01,2027-12-31,not_started,,0,0,0");
    expect((await setup.outsiderClient.get(`${setup.base}/export.csv`)).status).toBe(404);
  });
});

describe("indicators", () => {
  it("takes an indicator with a baseline, targets from editors and actuals from the action's owners, shown as a chart and a table", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    await addAction(setup, goal.id, setup.lead.organisation.id, [setup.partner.organisation.id]);
    const action = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    const page = `${setup.base}/actions/${action.id}`;
    const indicator = {
      intent: "indicator",
      title: "Newcomers placed in jobs matching their credentials",
      measure: "unit",
      unit: "people placed",
      ascending: "yes",
      baselineDate: "2026-12-31",
      baselineValue: "12",
      baselineComment: "",
      meansOfVerification: "Employer placement records",
    };
    // Readers and owners at INVOLVE may not add indicators.
    expect((await setup.involved.client.post(page, indicator)).status).toBe(403);
    const noUnit = await setup.convenerClient.post(page, { ...indicator, unit: "" });
    expect(noUnit.status).toBe(400);
    expect(await noUnit.text()).toContain("Say what the number counts.");
    const nonNumeric = await setup.convenerClient.post(page, { ...indicator, baselineValue: "twelve" });
    expect(nonNumeric.status).toBe(400);
    expect(await nonNumeric.text()).toContain("Enter a number, like 12 or 12.5.");
    expect((await setup.convenerClient.post(page, indicator)).status).toBe(302);
    const stored = await db().planIndicator.findFirstOrThrow({ where: { actionId: action.id } });
    expect(stored).toMatchObject({ measure: "unit", baselineValue: 12, ascending: true });

    const value = (fields: Record<string, string>) => ({
      intent: "indicator-value",
      indicatorId: stored.id,
      comment: "",
      evidenceUrl: "",
      ...fields,
    });
    expect(
      (await setup.convenerClient.post(page, value({ kind: "target", period: "2027-q1", value: "20" })))
        .status,
    ).toBe(302);
    expect(
      (await setup.convenerClient.post(page, value({ kind: "target", period: "2027-Q2", value: "30" })))
        .status,
    ).toBe(302);
    // The partner reports an actual; an organisation not on the action may not; INVOLVE sets no target.
    expect(
      (await setup.partner.client.post(page, value({ kind: "actual", period: "2027-Q1", value: "17" })))
        .status,
    ).toBe(302);
    expect(
      (await setup.involved.client.post(page, value({ kind: "target", period: "2027-Q3", value: "99" })))
        .status,
    ).toBe(403);
    expect(
      (await setup.empowered.client.post(page, value({ kind: "actual", period: "2027-Q1", value: "90" })))
        .status,
    ).toBe(403);
    const badPeriod = await setup.partner.client.post(
      page,
      value({ kind: "actual", period: "spring", value: "3" }),
    );
    expect(badPeriod.status).toBe(400);
    expect(await badPeriod.text()).toContain(
      "Enter a year (2027), a quarter (2027-Q1) or a month (2027-03).",
    );
    const noValue = await setup.partner.client.post(
      page,
      value({ kind: "actual", period: "2027-Q2", value: "" }),
    );
    expect(noValue.status).toBe(400);
    expect(await noValue.text()).toContain("Enter the value.");

    const values = await db().indicatorValue.findMany({
      where: { indicatorId: stored.id },
      orderBy: { period: "asc" },
    });
    expect(values.map((row) => [row.period, row.kind, row.value])).toEqual(
      [
        ["2027-Q1", "target", 20],
        ["2027-Q1", "actual", 17],
        ["2027-Q2", "target", 30],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
    );
    expect(values.find((row) => row.kind === "actual")!.organisationId).toBe(setup.partner.organisation.id);

    const shown = await (await setup.consulted.client.get(page)).text();
    expect(shown).toContain("Newcomers placed in jobs matching their credentials");
    expect(shown).toContain("Employer placement records");
    expect(shown).toContain('role="img"');
    expect(shown).toMatch(/<th scope="row">2027-Q1 · Actual<\/th><td>17<\/td><td>[^<]*Partner Centre/);
    expect(shown).not.toContain("Record a target or an actual");
    expect(
      (await setup.outsiderClient.post(page, value({ kind: "actual", period: "2027-Q1", value: "1" })))
        .status,
    ).toBe(404);
  });
});

describe("the JSON export of the plan", () => {
  it("holds the plan, its goals and its actions with owners and reports, and is 404 outside the space", async () => {
    const setup = await planSpace();
    const goal = await startPlan(setup);
    await addAction(setup, goal.id, setup.lead.organisation.id, [setup.partner.organisation.id]);
    const action = await db().planAction.findFirstOrThrow({ where: { goalId: goal.id } });
    await setup.partner.client.post(`${setup.base}/actions/${action.id}`, {
      intent: "report",
      periodFrom: "2027-01-01",
      periodTo: "2027-03-31",
      text: "Half the employers met.",
      percent: "20",
      proposedStatus: "on_track",
    });
    const response = await setup.involved.client.get(`${setup.base}/export.json`);
    expect(response.status).toBe(200);
    const exported = (await response.json()) as {
      plan: { title: string; status: string };
      goals: { domain: string }[];
      actions: {
        title: string;
        leadOrganisation: { name: string };
        partners: { name: string }[];
        reports: { text: string; state: string }[];
      }[];
    };
    expect(exported.plan).toMatchObject({ title: planForm.title, status: "draft" });
    expect(exported.goals).toMatchObject([{ domain: "economic" }]);
    expect(exported.actions).toHaveLength(1);
    expect(exported.actions[0]).toMatchObject({
      leadOrganisation: { name: setup.lead.organisation.name },
      partners: [{ name: setup.partner.organisation.name }],
      reports: [{ text: "Half the employers met.", state: "proposed" }],
    });
    expect((await setup.outsiderClient.get(`${setup.base}/export.json`)).status).toBe(404);
  });
});

describe("comments on the draft", () => {
  it("takes comments from INVOLVE and conveners while the plan is drafted, not from CONSULT, and none once adopted", async () => {
    const setup = await planSpace();
    await startPlan(setup);
    const comment = { intent: "comment", text: "Please add evening hours for working mothers." };
    expect((await setup.consulted.client.post(setup.base, comment)).status).toBe(403);
    expect(await (await setup.consulted.client.get(setup.base)).text()).not.toContain("Send the comment");
    const empty = await setup.involved.client.post(setup.base, { intent: "comment", text: " " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("This field is required.");
    expect((await setup.involved.client.post(setup.base, comment)).status).toBe(302);
    const stored = await db().planComment.findFirstOrThrow({ where: { plan: { spaceId: setup.space.id } } });
    expect(stored.organisationId).toBe(setup.involved.organisation.id);
    expect(await db().auditEvent.count({ where: { action: "plan.commented", subjectId: stored.id } })).toBe(
      1,
    );
    expect(await (await setup.consulted.client.get(setup.base)).text()).toContain(
      "Please add evening hours for working mothers.",
    );

    await setup.convenerClient.post(setup.base, {
      intent: "adopt",
      adoptedOn: "2027-01-15",
      decision: "Resolution 1",
    });
    const late = await setup.involved.client.post(setup.base, comment);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("Comments are taken only while the plan is a draft or under review.");
    expect(await db().planComment.count({ where: { plan: { spaceId: setup.space.id } } })).toBe(1);
  });
});

describe("a parent space", () => {
  it("sees the plans of the spaces under it rolled up by integration domain, without their titles", async () => {
    const setup = await planSpace();
    const child = await createConvenedSpace({
      space: { title: "Sorsogon working group", parentId: setup.space.id },
      convener: { name: `Sorsogon City ${Math.random()}` },
    });
    const plan = await db().actionPlan.create({
      data: {
        spaceId: child.space.id,
        title: "Sorsogon reintegration plan",
        periodFrom: new Date("2027-01-01"),
        periodTo: new Date("2027-12-31"),
        createdById: child.focalPoint.id,
      },
    });
    const goal = await db().planGoal.create({
      data: { planId: plan.id, domain: "economic", title: "Returnees start businesses", position: 1 },
    });
    for (const [position, progress] of [
      [1, 20],
      [2, 60],
    ] as const)
      await db().planAction.create({
        data: {
          planId: plan.id,
          goalId: goal.id,
          position,
          progress,
          title: `Secret action ${position}`,
          leadOrganisationId: child.convener.id,
          startDate: new Date("2027-01-01"),
          dueDate: new Date("2027-12-31"),
        },
      });
    const page = await (await setup.consulted.client.get(setup.base)).text();
    expect(page).toContain("1 plan of a space under this one, by integration domain:");
    expect(page).toMatch(/<th scope="row">Economic<\/th><td>1<\/td><td>2<\/td><td>40%<\/td>/);
    expect(page).not.toContain("Sorsogon reintegration plan");
    expect(page).not.toContain("Secret action");
  });
});
