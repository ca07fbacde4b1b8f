import { describe, expect, it } from "vitest";
import { readOutbox } from "~/modules/mail/outbox.server";
import { addMember, createOrganisation, createPerson } from "../../prisma/factories/people";
import { browserAvailable, browserJourney, expectAccessible, expectText } from "../support/browser";

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

  it("a visitor registers an organisation, confirms the address from the mail and finds it awaiting verification", async () => {
    const stamp = Date.now();
    const name = `Casa de los Derechos ${stamp}`;
    const email = `lucia-${stamp}@casaderechos.example`;
    const password = "a river crossing at dawn";
    const page = await (await journey.browser.newContext()).newPage();
    await visit(page, "/register");
    await page.getByLabel("Name of the organisation").fill(name);
    await page.getByLabel("Type of organisation").selectOption({ label: "Civil society organisation" });
    await page.getByLabel("Level it works at").selectOption({ label: "Local" });
    await page.getByLabel("City or region").fill("Upala");
    await page.getByLabel("Country", { exact: true }).selectOption("CR");
    await page.getByLabel("Contact person").fill("Lucía Mora");
    await page.getByLabel("Contact email address").fill(email);
    await page.getByLabel("Your name").fill("Lucía Mora");
    await page.getByLabel("Your email address").fill(email);
    await page.getByLabel("Choose a password").fill(password);
    await page.getByRole("button", { name: "Ask to register" }).click();
    await page.waitForURL((url) => url.pathname === "/confirm-email");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Check your mail");
    await expectText(page, `We have sent a message to ${email}`);
    await expectAccessible(page);

    const mail = (await readOutbox()).filter((message) => message.to === email).at(-1);
    const link = mail && /https?:\/\/\S+\/confirm-email\/[\w-]+/.exec(mail.text)?.[0];
    expect(link, "the confirmation link was written to the outbox").toBeDefined();
    await visit(page, new URL(link!).pathname);
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await expectText(page, "Your email address is confirmed. Sign in to go on.");
    await signIn(page, email, password);
    await visit(page, "/organisations");
    const listed = page.getByRole("listitem").filter({ hasText: name });
    await expect.poll(() => listed.textContent()).toContain("Awaiting verification");
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
