import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { createInvitation } from "~/modules/invitations/create-invitation.server";
import { readOutbox } from "~/modules/mail/outbox.server";
import { issueEmailConfirmation } from "~/modules/people/send-email-confirmation.server";
import { db } from "~/utils/db.server";
import { createMember, createPerson, defaultTestPassword } from "../prisma/factories/people";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A member of a verified organisation who has not confirmed their address, signed in. */
async function unconfirmedMember() {
  const { organisation, person } = await createMember({ person: { emailConfirmed: false } });
  const client = await Browserless.signedIn(server.origin, person.email);
  return { organisation, person, client };
}

/** A confirmation link for the person, made as registration makes it. */
async function linkFor(person: { id: string; name: string; email: string }) {
  const link = await db().$transaction((tx) => issueEmailConfirmation(tx, person));
  return new URL(link).pathname;
}

describe("a person whose address is not confirmed", () => {
  it("is sent to confirm it from every page, and every action is refused", async () => {
    const { organisation, person, client } = await unconfirmedMember();
    for (const path of [
      "/",
      "/spaces",
      "/organisations",
      `/organisations/${organisation.id}`,
      "/notifications",
      "/settings/sessions",
      "/register",
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toBe("/confirm-email");
    }
    const renamed = await client.post("/settings/profile", { name: "Someone Else", language: "en" });
    expect(renamed.headers.get("Location")).toBe("/confirm-email");
    const invited = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: "stranger@example.org",
      role: "member",
    });
    expect(invited.headers.get("Location")).toBe("/confirm-email");
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe(person.name);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(0);

    const page = await (await client.get("/confirm-email")).text();
    expect(page).toContain("Confirm your email address");
    expect(page).toContain(person.email);
    // The header offers nothing to act on but the language and signing out.
    expect(page).not.toContain('href="/spaces"');
    expect(page).not.toContain("organisation-switcher");
    expect(page).toContain('action="/logout"');
  });

  it("may switch the language and sign out", async () => {
    const { client } = await unconfirmedMember();
    const switched = await client.post("/resources/language", {
      language: "fr",
      redirectTo: "/confirm-email",
    });
    expect(switched.headers.get("Location")).toBe("/confirm-email");
    expect(await client.landOn(switched)).toContain("Confirmez votre adresse e-mail");
    const signedOut = await client.post("/logout", {});
    expect(signedOut.headers.get("Location")).toBe("/login");
    expect((await client.get("/confirm-email")).status).toBe(200);
    expect(await (await client.get("/confirm-email")).text()).toContain("Consultez votre messagerie");
  });

  it("asks for a new link three times an hour, then is told how long to wait", async () => {
    const { person, client } = await unconfirmedMember();
    for (let index = 0; index < 3; index++) {
      const sent = await client.post("/confirm-email", {});
      expect(await client.landOn(sent)).toContain(`A new link is on its way to ${person.email}.`);
    }
    const links = (await readOutbox()).filter((mail) => mail.to === person.email);
    expect(links).toHaveLength(3);
    expect(links[0]?.subject).toBe("Confirm your email address for Concord");
    expect(new Set(links.map((mail) => /\/confirm-email\/\S+/.exec(mail.text)?.[0])).size).toBe(3);

    const refused = await client.post("/confirm-email", {});
    expect(refused.status).toBe(200);
    expect(await refused.text()).toMatch(
      /We have sent you several links in the last hour\. .* try again in (59|60) minutes\./,
    );
    expect((await readOutbox()).filter((mail) => mail.to === person.email)).toHaveLength(3);

    // Any of the links confirms the address and uses up the others.
    const [first, second] = links.map(
      (mail) => new URL(/\S+\/confirm-email\/\S+/.exec(mail.text)![0]).pathname,
    );
    expect(await client.landOn(await client.post(second!, {}))).toContain("Your email address is confirmed.");
    expect((await client.get("/spaces")).status).toBe(200);
    expect((await client.get("/confirm-email")).headers.get("Location")).toBe("/");
    expect((await client.get(first!)).status).toBe(410);
  });

  it("confirms from a browser that is not signed in, then asks to sign in", async () => {
    const person = await createPerson({ emailConfirmed: false });
    const visitor = new Browserless(server.origin);
    const confirmed = await visitor.post(await linkFor(person), {});
    expect(confirmed.headers.get("Location")).toBe("/login");
    expect(await visitor.landOn(confirmed)).toContain("Your email address is confirmed. Sign in to go on.");
    const client = await Browserless.signedIn(server.origin, person.email, defaultTestPassword);
    expect((await client.get("/")).status).toBe(200);
  });

  it("explains an expired, unknown or malformed link, and one for an address the person no longer has", async () => {
    const person = await createPerson({ emailConfirmed: false });
    const visitor = new Browserless(server.origin);

    const expired = await linkFor(person);
    await db().emailConfirmation.updateMany({
      where: { personId: person.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expiredPage = await visitor.get(expired);
    expect(expiredPage.status).toBe(410);
    expect(await expiredPage.text()).toContain("This link has expired. Sign in and ask for a new one.");
    const expiredPost = await visitor.post(expired, {});
    expect(expiredPost.status).not.toBe(302);
    expect(await expiredPost.text()).toContain("This link has expired.");

    for (const token of [randomBytes(32).toString("base64url"), "not-a-token"]) {
      const page = await visitor.get(`/confirm-email/${token}`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("This link does not work");
    }

    const stale = await linkFor(person);
    await db().person.update({
      where: { id: person.id },
      data: { email: `moved-${Date.now()}@example.org` },
    });
    expect((await visitor.get(stale)).status).toBe(404);
    expect(await (await visitor.post(stale, {})).text()).toContain("This link does not work");
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).emailConfirmedAt).toBeNull();
  });

  it("has proved the address by joining through an invitation mailed to it", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin" });
    const invitee = await createPerson({ emailConfirmed: false });
    const actor = await actorForPerson(admin.id);
    const { link } = await createInvitation(actor!, {
      organisation,
      email: invitee.email,
      role: "member",
      language: "en",
    });
    const client = await Browserless.signedIn(server.origin, invitee.email);
    const path = new URL(link).pathname;
    expect(await (await client.get(path)).text()).toContain(`Join ${organisation.name}`);
    const joined = await client.landOn(await client.post(path, {}));
    expect(joined).toContain(`Welcome to ${organisation.name}`);
    expect(
      (await db().person.findUniqueOrThrow({ where: { id: invitee.id } })).emailConfirmedAt,
    ).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "person.email-confirmed", subjectId: invitee.id },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ via: "invitation" });
  });
});
