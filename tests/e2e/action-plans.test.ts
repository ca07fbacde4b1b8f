import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";
import {
  browserAvailable,
  browserJourney,
  expectAccessible,
  expectNotReloaded,
  expectText,
  markWindow,
} from "../support/browser";

describe.skipIf(!browserAvailable)("a shared action plan in a real browser", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  it("a convener drafts a goal and an action; the partner reports without JavaScript; the EMPOWER lead approves and the convener's page moves live", async () => {
    const stamp = Date.now();
    const { space, focalPoint } = await createConvenedSpace({ space: { title: `Ottawa LIP ${stamp}` } });
    const lead = await createParticipantOrganisation(space.id, "EMPOWER", {
      organisation: { name: `Immigrant Women Services ${stamp}` },
    });
    const partner = await createParticipantOrganisation(space.id, "COLLABORATE", {
      organisation: { name: `Language Centre ${stamp}` },
    });
    const plan = `/spaces/${space.id}/plan`;

    // 1. The convener starts the plan, adds a goal and an action through the forms.
    const convener = await (await journey.browser.newContext()).newPage();
    await signIn(convener, focalPoint.email);
    await visit(convener, `/spaces/${space.id}`);
    await convener.getByRole("link", { name: "Action plan" }).click();
    await expectText(convener, "This space has no action plan yet.");
    await expectAccessible(convener);
    await convener.getByRole("link", { name: "Start the action plan" }).click();
    await convener.getByLabel("Title").fill("Ottawa Immigration Strategy 2027");
    await convener.getByLabel("Period from").fill("2027-01-01");
    await convener.getByLabel("Period to").fill("2027-12-31");
    await expectAccessible(convener);
    await convener.getByRole("button", { name: "Save the plan" }).click();
    await expectText(convener, "The plan is saved.");
    await convener.getByRole("link", { name: "Add a goal" }).click();
    await convener.getByLabel("Goal", { exact: true }).fill("Migrant women learn the language");
    await convener.getByLabel("Integration domain").selectOption({ label: "Language" });
    await convener.getByLabel("SDG target (optional)").fill("4.6");
    await expectAccessible(convener);
    await convener.getByRole("button", { name: "Add the goal" }).click();
    await expectText(convener, "The goal is in the plan.");
    await convener.getByRole("link", { name: "Add an action" }).click();
    await convener.getByLabel("Action", { exact: true }).fill("Childcare during language courses");
    await convener.getByLabel("The problem it answers").fill("Mothers miss classes for lack of childcare.");
    await convener
      .getByLabel("Lead organisation", { exact: true })
      .selectOption({ label: lead.organisation.name });
    await convener.getByLabel(partner.organisation.name, { exact: true }).check();
    await convener.getByLabel("Start date").fill("2027-02-01");
    // A due date before the start is refused, and what was typed stays.
    await convener.getByLabel("Due date").fill("2027-01-15");
    await convener.getByRole("button", { name: "Add the action" }).click();
    await expectText(convener, "The due date must not be before the start date.");
    await expect
      .poll(() => convener.getByLabel("Action", { exact: true }).inputValue())
      .toBe("Childcare during language courses");
    await expectAccessible(convener);
    await convener.getByLabel("Due date").fill("2027-11-30");
    await convener.getByRole("button", { name: "Add the action" }).click();
    await expectText(convener, "The action is in the plan.");
    await expectAccessible(convener);
    const action = await db().planAction.findFirstOrThrow({ where: { plan: { spaceId: space.id } } });
    const actionPage = `${plan}/actions/${action.id}`;

    // An indicator with a baseline and a target: its chart and data table pass axe.
    await convener.getByText("Add an indicator").click();
    await convener.getByLabel("Indicator", { exact: true }).fill("Mothers enrolled in evening classes");
    await convener.getByLabel("Measure").selectOption({ label: "Number" });
    await convener.getByLabel("Unit", { exact: true }).fill("women enrolled");
    await convener.getByLabel("Baseline value (optional)").fill("85");
    await expectAccessible(convener);
    await convener.getByRole("button", { name: "Add the indicator" }).click();
    await expectText(convener, "The indicator is on the action.");
    await convener.getByText("Record a target or an actual").click();
    await convener.getByLabel("Period", { exact: true }).fill("2027-Q1");
    await convener.getByLabel("Value", { exact: true }).fill("110");
    await convener.getByRole("button", { name: "Record", exact: true }).click();
    await expectText(convener, "The target is set.");
    await expectText(convener, "2027-Q1 · Target");
    await expectAccessible(convener);

    // 2. The convener keeps the plan page open.
    await visit(convener, plan);
    await expectText(convener, "Childcare during language courses");
    await expectText(convener, /Progress \(approved\): 0%/);
    await markWindow(convener);

    // 3. The partner reports progress, without JavaScript.
    const signingIn = await journey.browser.newContext();
    await signIn(await signingIn.newPage(), partner.admin.email);
    const storageState = await signingIn.storageState();
    await signingIn.close();
    const partnerPage = await (
      await journey.browser.newContext({ javaScriptEnabled: false, storageState })
    ).newPage();
    await partnerPage.goto(new URL(actionPage, journey.server.origin).href);
    await partnerPage.getByLabel("Reporting period from").fill("2027-02-01");
    await partnerPage.getByLabel("Reporting period to").fill("2027-03-31");
    await partnerPage.getByLabel("What was done").fill("Two crèches opened beside the evening classes.");
    await partnerPage.getByLabel("Percent complete").fill("40");
    await partnerPage.getByLabel("Status you propose").selectOption({ label: "On track" });
    await partnerPage.getByRole("button", { name: "Send the report" }).click();
    await expectText(partnerPage, "Your report is proposed for approval.");
    await expectText(partnerPage, "Proposed");
    expect((await db().planAction.findUniqueOrThrow({ where: { id: action.id } })).progress).toBe(0);

    // 4. The lead, at EMPOWER, approves its partner's report; the convener's open page moves live.
    const leadPage = await (await journey.browser.newContext()).newPage();
    await signIn(leadPage, lead.admin.email);
    await visit(leadPage, actionPage);
    await expectText(leadPage, "Two crèches opened beside the evening classes.");
    await leadPage.getByRole("button", { name: "Approve" }).click();
    await expectText(leadPage, "The report is approved; the action is updated.");
    await expectAccessible(leadPage);
    await expectText(convener, /Progress \(approved\): 40%/);
    await expectText(convener, "On track");
    await expectNotReloaded(convener);
    await expectAccessible(convener);
  });
});
