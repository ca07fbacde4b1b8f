import { describe, expect, it } from "vitest";
import { readOutbox } from "~/modules/mail/outbox.server";
import { addMember, createOrganisation, createPerson } from "../factories";
import { browserAvailable, browserJourney, expectAccessible } from "../support/browser";

describe.skipIf(!browserAvailable)("the foundation journeys in a real browser", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  it("a CSO representative signs in, switches to Arabic and gets a right-to-left page", async () => {
    const organisation = await createOrganisation({ name: "Ottawa Community Immigrant Services Centre" });
    const person = await createPerson({ name: "Grace Mensah", email: `grace-${Date.now()}@ocisc.example` });
    await addMember(person.id, organisation.id, { role: "admin" });

    const page = await (await journey.browser.newContext({ locale: "en-GB" })).newPage();
    await visit(page, "/login");
    await page.getByRole("button", { name: "Sign in", exact: true }).last().click();
    await expect
      .poll(() => page.locator(".error-list li").allTextContents(), { timeout: 5_000 })
      .toEqual(["This field is required.", "This field is required."]);
    await expectAccessible(page);
    await signIn(page, person.email);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Grace Mensah");

    await page.getByLabel("Language").selectOption("ar");
    await page.getByRole("button", { name: "Change" }).click();
    await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    await expectAccessible(page);
    await page.context().close();
  });

  it("an admin invites a colleague, who accepts in another browser and is seen coming online live", async () => {
    const organisation = await createOrganisation({ name: "Migrant Forum in Asia" });
    const admin = await createPerson({ name: "Ramon Cruz", email: `ramon-${Date.now()}@mfa.example` });
    await addMember(admin.id, organisation.id, { role: "admin" });
    const inviteeEmail = `lea-${Date.now()}@mfa.example`;

    const adminPage = await (await journey.browser.newContext()).newPage();
    await signIn(adminPage, admin.email);
    await visit(adminPage, `/organisations/${organisation.id}/invitations`);
    await adminPage.getByLabel("Email address").fill(inviteeEmail);
    await adminPage.getByRole("button", { name: /invit/i }).first().click();
    await adminPage.waitForLoadState("networkidle");
    await expectAccessible(adminPage);

    const mail = (await readOutbox()).find((message) => message.to === inviteeEmail);
    expect(mail, "the invitation was written to the outbox").toBeDefined();
    const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mail!.text)?.[0];
    expect(link).toBeDefined();

    await visit(adminPage, `/organisations/${organisation.id}`);
    const onlineNow = adminPage.getByRole("region", { name: /online now/i });
    await expect.poll(() => onlineNow.textContent()).toContain("Ramon Cruz");
    expect(await onlineNow.textContent()).not.toContain("Léa Bernard");

    const inviteePage = await (await journey.browser.newContext()).newPage();
    await visit(inviteePage, new URL(link!).pathname);
    await inviteePage.getByLabel("Your name").fill("Léa Bernard");
    await inviteePage.getByLabel("Password").fill("a long walk by the river");
    await inviteePage.getByRole("button", { name: /join/i }).click();
    await inviteePage.waitForURL((url) => !url.pathname.startsWith("/invitations"));
    await expectAccessible(inviteePage);
    await visit(inviteePage, `/organisations/${organisation.id}`);

    await expect.poll(() => onlineNow.textContent(), { timeout: 10_000 }).toContain("Léa Bernard");
    await inviteePage.context().close();
    await expect.poll(() => onlineNow.textContent(), { timeout: 10_000 }).not.toContain("Léa Bernard");
    await adminPage.context().close();
  });
});
