import { describe, expect, it } from "vitest";
import { addMember, createOrganisation, createPerson } from "../../prisma/factories/people";
import {
  browserAvailable,
  browserJourney,
  expectAccessible,
  expectNotReloaded,
  expectText,
  markWindow,
} from "../support/browser";

describe.skipIf(!browserAvailable)("a space and its engagement spectrum in a real browser", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  it("a ministry convenes a space, a CSO joins, rises to Involve and has its concern answered, all live", async () => {
    const stamp = Date.now();
    const ministry = await createOrganisation({
      name: "Ministry of Labour and Migration",
      type: "national_ministry",
      governanceLevel: "national",
      verificationStatus: "verified",
    });
    const focalPoint = await createPerson({ name: "Amina Diallo", email: `amina-${stamp}@labour.example` });
    await addMember(focalPoint.id, ministry.id, { role: "admin", isFocalPoint: true });
    const cso = await createOrganisation({
      name: `Settlement Network ${stamp}`,
      type: "cso",
      verificationStatus: "verified",
    });
    const csoAdmin = await createPerson({ name: "Tomás Herrera", email: `tomas-${stamp}@network.example` });
    await addMember(csoAdmin.id, cso.id, { role: "admin" });

    // 1. The focal point creates the space through the form.
    const ministryPage = await (await journey.browser.newContext()).newPage();
    await signIn(ministryPage, focalPoint.email);
    await visit(ministryPage, "/spaces/new");
    const title = `Committee on labour migration ${stamp}`;
    await ministryPage
      .getByLabel("Kind of space")
      .selectOption({ label: "Committee on migration and development" });
    await ministryPage.getByLabel("Level of government").selectOption({ label: "National" });
    await ministryPage.getByLabel("Title").fill(title);
    await ministryPage
      .getByLabel("Mandate or terms of reference")
      .fill("Coordinate labour migration policy with civil society and answer its concerns.");
    await ministryPage.getByLabel("Settlement").check();
    await ministryPage.getByLabel("Economic integration").check();
    await ministryPage.getByRole("button", { name: "Create the space" }).click();
    await ministryPage.waitForURL((url) => /^\/spaces\/(?!new$)[^/]+$/.test(url.pathname));
    await expect.poll(() => ministryPage.locator("h1").textContent()).toBe(title);
    await expectAccessible(ministryPage);
    const spaceId = new URL(ministryPage.url()).pathname.split("/")[2]!;
    const space = `/spaces/${spaceId}`;

    // 2. On the Participants page, the focal point invites the CSO at Consult.
    await visit(ministryPage, `${space}/participants`);
    await ministryPage
      .getByLabel("Organisation", { exact: true })
      .selectOption({ label: `${cso.name} (Civil society organisation)` });
    await ministryPage.getByLabel("Engagement level").selectOption({ label: "Consult" });
    await ministryPage.getByRole("button", { name: "Send the invitation" }).click();
    const csoRow = ministryPage.getByRole("row", { name: new RegExp(cso.name) });
    await expect.poll(() => csoRow.textContent(), { timeout: 10_000 }).toMatch(/Consult.*Invited/);
    await expectAccessible(ministryPage);

    // 3. In another browser, the CSO admin accepts the invitation and asks for Involve.
    const csoPage = await (await journey.browser.newContext()).newPage();
    await signIn(csoPage, csoAdmin.email);
    await visit(csoPage, `${space}/participation`);
    await expectText(csoPage, "Invited at the level: Consult");
    await csoPage.getByRole("button", { name: "Accept the invitation" }).click();
    await expectText(csoPage, "Your level: Consult");
    await expectAccessible(csoPage);
    await csoPage.getByText("Ask for a higher level").click();
    await csoPage.getByLabel("Level you ask for").selectOption({ label: "Involve" });
    await csoPage
      .getByLabel("Reason")
      .fill("We run the job-matching programme the committee is discussing and can advise throughout.");
    await csoPage.getByRole("button", { name: "Send the request" }).click();
    await expectText(csoPage, "Your request for the level Involve waits for the conveners.");
    await expectAccessible(csoPage);
    await markWindow(csoPage);

    // 4. The focal point approves the request on the level history page.
    await visit(ministryPage, `${space}/levels`);
    await expectText(ministryPage, `${cso.name} asks to move from Consult to Involve`);
    await ministryPage.getByLabel("Decision").selectOption({ label: "Approve" });
    await ministryPage.getByLabel("Reason").fill("Their programme is central to the committee's work plan.");
    await ministryPage.getByRole("button", { name: "Record the decision" }).click();
    await expectText(ministryPage, `${cso.name} moved from Consult to Involve on its request`);
    await expect.poll(() => ministryPage.getByText("No request is waiting.").count()).toBe(1);
    await expectAccessible(ministryPage);

    // 5. The CSO's open page shows Involve without a reload.
    await expectText(csoPage, "Your level: Involve");
    await expect
      .poll(() => csoPage.locator(".space-header").textContent(), { timeout: 10_000 })
      .toContain(`${cso.name}: Involve`);
    await expectNotReloaded(csoPage);
    await expectAccessible(csoPage);

    // 6. Now at Involve, the CSO raises a concern.
    await visit(csoPage, `${space}/concerns`);
    const raise = csoPage.getByRole("region", { name: "Raise a concern" });
    await raise.getByLabel("Theme").selectOption({ label: "Economic integration" });
    const concern = "Recognition of foreign qualifications takes over a year and keeps people out of work.";
    await raise.getByLabel("The concern").fill(concern);
    await raise.getByRole("button", { name: "Raise the concern" }).click();
    await expectText(csoPage, concern);
    await expectAccessible(csoPage);
    await markWindow(csoPage);

    // 7. The focal point answers it; the CSO's open register shows the answer without a reload.
    await visit(ministryPage, `${space}/concerns`);
    const answerForm = ministryPage.getByRole("form", { name: "Answer this concern" });
    const answer =
      "The ministry will publish a fast-track recognition procedure for the ten most common trades.";
    await answerForm.getByLabel("Answer").fill(answer);
    await answerForm.getByLabel("What becomes of it").selectOption({ label: "Addressed" });
    await answerForm.getByRole("button", { name: "Send the answer" }).click();
    await expectText(ministryPage, answer);
    await expectAccessible(ministryPage);

    await expectText(csoPage, answer);
    await expectText(csoPage, "Answer from Amina Diallo,");
    await expectNotReloaded(csoPage);
    await expectAccessible(csoPage);

    await csoPage.context().close();
    await ministryPage.context().close();
  });
});
