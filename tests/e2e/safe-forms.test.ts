import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createOrganisation } from "../../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";
import { browserAvailable, browserJourney, expectAccessible, expectText } from "../support/browser";

describe.skipIf(!browserAvailable)("forms after a successful post, in a real browser", () => {
  const journey = browserJourney();

  it("empties the concern form once the concern is raised; a double click raises one concern", async () => {
    const { space } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const context = await journey.browser.newContext();
    const page = await context.newPage();
    await journey.signIn(page, admin.email);
    await journey.visit(page, `/spaces/${space.id}/concerns`);

    const form = page.locator("#raise-concern");
    const theme = form.getByLabel("Theme");
    const text = form.getByLabel("The concern");
    await theme.selectOption("housing");
    await text.fill("Waiting lists for housing are too long.");
    await page.getByRole("button", { name: "Raise the concern" }).click();
    await expectText(page, "Your concern is in the register");
    await expect.poll(() => text.inputValue()).toBe("");
    expect(await theme.inputValue()).toBe("");
    await expectAccessible(page);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(1);

    // A second concern, sent with a double click: one more concern, not two.
    await theme.selectOption("health");
    await text.fill("The clinic closes at noon.");
    await page.getByRole("button", { name: "Raise the concern" }).dblclick();
    await expect.poll(() => text.inputValue()).toBe("");
    await expect
      .poll(() => db().concern.count({ where: { spaceId: space.id, text: "The clinic closes at noon." } }))
      .toBe(1);
    await page.reload();
    await expectText(page, "The clinic closes at noon.");
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(2);
    await context.close();
  });

  it("leaves the organisation picker empty after an invitation instead of choosing the next organisation", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const tag = randomBytes(4).toString("hex");
    const first = await createOrganisation({ name: `Aurora ${tag} Collective` });
    const second = await createOrganisation({ name: `Beacon ${tag} Network` });
    const context = await journey.browser.newContext();
    const page = await context.newPage();
    await journey.signIn(page, focalPoint.email);
    await journey.visit(page, `/spaces/${space.id}/participants?q=${tag}`);

    const picker = page.locator("#invite").getByLabel("Organisation", { exact: true });
    await picker.selectOption(first.id);
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expectText(page, "The organisation is invited.");
    // The invited organisation has left the list; nothing is chosen in its place.
    await expect.poll(() => picker.locator(`option[value="${first.id}"]`).count()).toBe(0);
    expect(await picker.inputValue()).toBe("");
    expect(await picker.locator(`option[value="${second.id}"]`).count()).toBe(1);
    await expectAccessible(page);

    // Sending the emptied form invites nobody: the picker asks for a choice.
    await page.getByRole("button", { name: "Send the invitation" }).click();
    expect(
      await db().spaceParticipant.count({ where: { spaceId: space.id, organisationId: second.id } }),
    ).toBe(0);
    await context.close();
  });

  it("lets its organisation change and withdraw a waiting concern, and a convener mark one a duplicate", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const base = {
      spaceId: space.id,
      organisationId: organisation.id,
      raisedById: admin.id,
      theme: "health",
    };
    const first = await db().concern.create({ data: { ...base, text: "Clinic hours are short." } });
    const second = await db().concern.create({ data: { ...base, text: "Clinics shut at noon." } });
    const context = await journey.browser.newContext();
    const page = await context.newPage();
    await journey.signIn(page, admin.email);
    await journey.visit(page, `/spaces/${space.id}/concerns`);

    const form = page.locator(`#edit-${first.id}`);
    await page.locator("details", { has: form }).locator("summary").click();
    await form.getByLabel("The concern").fill("Clinic hours are far too short.");
    await form.getByRole("button", { name: "Save the changes" }).click();
    await expectText(page, "Your concern is changed.");
    await expectText(page, "Clinic hours are far too short.");
    await expectAccessible(page);
    await page
      .locator("li", { has: page.locator(`#edit-${second.id}`) })
      .getByRole("button", { name: "Withdraw the concern" })
      .click();
    await expectText(page, "Your concern is withdrawn.");
    await expect
      .poll(async () => (await db().concern.findUniqueOrThrow({ where: { id: second.id } })).status)
      .toBe("withdrawn");
    await context.close();

    const third = await db().concern.create({ data: { ...base, text: "Opening hours again." } });
    const convenerContext = await journey.browser.newContext();
    const convenerPage = await convenerContext.newPage();
    await journey.signIn(convenerPage, focalPoint.email);
    await journey.visit(convenerPage, `/spaces/${space.id}/concerns`);
    const duplicate = convenerPage.locator(`#duplicate-${third.id}`);
    await convenerPage.locator("details", { has: duplicate }).locator("summary").click();
    await expectAccessible(convenerPage);
    await duplicate.getByLabel("The concern it repeats").selectOption(first.id);
    await duplicate.getByRole("button", { name: "Mark as a duplicate" }).click();
    await expectText(convenerPage, "The concern is marked as a duplicate.");
    await expectText(convenerPage, "Duplicate of the concern raised by");
    await expectAccessible(convenerPage);
    expect((await db().concern.findUniqueOrThrow({ where: { id: third.id } })).duplicateOfId).toBe(first.id);
    await convenerContext.close();
  });
});
