import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import type { VerificationStatus } from "~/modules/authorization/actor";
import { readOutbox } from "~/modules/mail/outbox.server";
import { db } from "~/utils/db.server";
import { domainEvents, type DomainEvents } from "~/utils/events.server";
import { createMember, createOrganisation, createPerson, defaultTestPassword } from "./factories";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

let sequence = 0;
const unique = () => `${++sequence}-${Date.now()}`;

function organisationForm(overrides: Record<string, string> = {}) {
  return {
    name: `Welcome Centre ${unique()}`,
    type: "migrant_association",
    governanceLevel: "local",
    place: "Lyon",
    country: "FR",
    website: "https://welcome.example.org",
    description: "We welcome newcomers and help them find work.",
    contactName: "Amina Diallo",
    contactEmail: `contact-${unique()}@example.org`,
    ...overrides,
  };
}

function visitorForm(overrides: Record<string, string> = {}) {
  return {
    ...organisationForm(),
    accountName: "Amina Diallo",
    accountEmail: `amina-${unique()}@example.org`,
    password: "a long phrase of several words",
    ...overrides,
  };
}

async function signedInAdmin() {
  const admin = await createPerson({ isPlatformAdmin: true });
  const client = new Browserless(server.origin);
  await client.signIn(admin.email, defaultTestPassword);
  return { admin, client };
}

async function registerAsVisitor(form = visitorForm()) {
  const client = new Browserless(server.origin);
  const response = await client.post("/register", form);
  expect(response.status).toBe(302);
  const organisationId = response.headers.get("Location")?.match(/^\/organisations\/([^/]+)$/)?.[1];
  expect(organisationId).toBeTruthy();
  return { client, response, organisationId: organisationId!, form };
}

function recordEvents<K extends keyof DomainEvents>(name: K) {
  const seen: DomainEvents[K][] = [];
  const stop = domainEvents().on(name, (payload) => seen.push(payload));
  return { seen, stop };
}

describe("registering an organisation", () => {
  it("creates a pending organisation whose registrant is its signed-in admin, with audit events", async () => {
    const { client, response, organisationId, form } = await registerAsVisitor();
    expect(response.headers.getSetCookie().some((line) => line.startsWith("concord_session="))).toBe(true);

    const organisation = await db().organisation.findUniqueOrThrow({ where: { id: organisationId } });
    expect(organisation).toMatchObject({
      name: form.name,
      type: "migrant_association",
      governanceLevel: "local",
      country: "FR",
      verificationStatus: "pending",
      contactEmail: form.contactEmail,
    });
    const person = await db().person.findUniqueOrThrow({ where: { email: form.accountEmail } });
    const membership = await db().membership.findUniqueOrThrow({
      where: { personId_organisationId: { personId: person.id, organisationId } },
    });
    expect(membership.role).toBe("admin");
    const actions = (await db().auditEvent.findMany({ where: { actorId: person.id } })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["person.registered", "organisation.registered", "membership.created"]),
    );

    const page = await client.get(`/organisations/${organisationId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(form.name);
    expect(html).toContain("waits for verification by a platform administrator");

    // Until verified it can do nothing beyond its own profile.
    const actor = await actorForPerson(person.id);
    const resource = { id: organisationId, verificationStatus: "pending" as VerificationStatus };
    expect(can(actor, "organisation.edit-profile", resource)).toBe(true);
    expect(can(actor, "organisation.invite", resource)).toBe(false);
    expect((await client.get(`/organisations/${organisationId}/invitations`)).status).toBe(404);
    const invite = await client.post(`/organisations/${organisationId}/invitations`, {
      email: "colleague@example.org",
      role: "member",
    });
    expect(invite.status).toBe(404);
    expect(await db().invitation.count({ where: { organisationId } })).toBe(0);

    const { client: adminClient } = await signedInAdmin();
    const list = await adminClient.get("/admin/organisations");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(form.name);
  });

  it("asks a signed-in person only for the organisation and makes them its admin", async () => {
    const { person } = await createMember();
    const client = new Browserless(server.origin);
    await client.signIn(person.email, defaultTestPassword);
    const form = await client.get("/register");
    const formHtml = await form.text();
    expect(formHtml).not.toContain('name="password"');
    expect(formHtml).toContain(`value="${person.email}"`);

    const fields = organisationForm();
    const response = await client.post("/register", fields);
    expect(response.status).toBe(302);
    const organisation = await db().organisation.findFirstOrThrow({ where: { name: fields.name } });
    expect(organisation.verificationStatus).toBe("pending");
    const membership = await db().membership.findUniqueOrThrow({
      where: { personId_organisationId: { personId: person.id, organisationId: organisation.id } },
    });
    expect(membership.role).toBe("admin");
  });

  it("refuses an email that has an account, keeping what was typed except the password", async () => {
    const existing = await createPerson();
    const form = visitorForm({ accountEmail: existing.email, password: "another long phrase here" });
    const client = new Browserless(server.origin);
    const response = await client.post("/register", form);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("An account with this email address already exists. Sign in first");
    expect(html).toContain(`value="${form.name}"`);
    expect(html).toContain(`value="${form.place}"`);
    expect(html).toContain(`value="${existing.email}"`);
    expect(html).toContain(form.description);
    expect(html).not.toContain("another long phrase here");
    expect(await db().organisation.count({ where: { name: form.name } })).toBe(0);
  });

  it("refuses a name already registered, whatever its case", async () => {
    const existing = await createOrganisation({ name: `Refugee Welcome ${unique()}` });
    const client = new Browserless(server.origin);
    const response = await client.post("/register", visitorForm({ name: existing.name.toUpperCase() }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("is already registered on Concord");
  });

  it("refuses an over-long name, a common password and an unknown type with field messages", async () => {
    const client = new Browserless(server.origin);
    const form = visitorForm({ name: "x".repeat(201), password: "qwerty123456", type: "secret_society" });
    const response = await client.post("/register", form);
    expect(response.status).toBe(200);
    let html = await response.text();
    expect(html).toContain("This is too long.");
    expect(html).toContain("Choose one of the options.");
    expect(html).toContain(`value="${form.contactEmail}"`);

    const common = await client.post("/register", visitorForm({ password: "qwerty123456" }));
    html = await common.text();
    expect(html).toContain("This password is too common; choose another.");
    expect(await db().person.count({ where: { email: form.accountEmail } })).toBe(0);
  });
});

describe("verifying an organisation", () => {
  it("verifies it: status, audit event, domain event and a mail to its contact", async () => {
    const { organisationId, form } = await registerAsVisitor();
    const { admin, client } = await signedInAdmin();
    const events = recordEvents("organisation.verification-changed");
    try {
      const response = await client.post(`/admin/organisations/${organisationId}`, { decision: "verify" });
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/admin/organisations");
      expect(events.seen).toContainEqual({ organisationId, status: "verified" });
    } finally {
      events.stop();
    }
    const organisation = await db().organisation.findUniqueOrThrow({ where: { id: organisationId } });
    expect(organisation.verificationStatus).toBe("verified");
    expect(organisation.verifiedById).toBe(admin.id);
    expect(organisation.verifiedAt).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "organisation.verified", subjectId: organisationId },
    });
    expect(audit.actorId).toBe(admin.id);
    const mail = (await readOutbox()).find((message) => message.to === form.contactEmail);
    expect(mail?.subject).toContain(form.name);

    const person = await db().person.findUniqueOrThrow({ where: { email: form.accountEmail } });
    const actor = await actorForPerson(person.id);
    expect(can(actor, "organisation.invite", { id: organisationId, verificationStatus: "verified" })).toBe(
      true,
    );

    // Deciding again from a stale page is refused with a message, not an error page.
    const again = await client.post(`/admin/organisations/${organisationId}`, {
      decision: "reject",
      note: "x",
    });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("This organisation has changed since the page was loaded");
  });

  it("rejects only with a reason, which is kept and mailed", async () => {
    const { organisationId, form } = await registerAsVisitor();
    const { admin, client } = await signedInAdmin();

    const withoutReason = await client.post(`/admin/organisations/${organisationId}`, {
      decision: "reject",
      note: "   ",
    });
    expect(withoutReason.status).toBe(200);
    expect(await withoutReason.text()).toContain("Give the reason for rejecting");
    const tooLong = await client.post(`/admin/organisations/${organisationId}`, {
      decision: "reject",
      note: "because ".repeat(130),
    });
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toContain("This is too long.");
    expect(tooLongHtml).toContain("because because");
    expect(
      (await db().organisation.findUniqueOrThrow({ where: { id: organisationId } })).verificationStatus,
    ).toBe("pending");

    const reason = "We could not find this association in the national register.";
    const response = await client.post(`/admin/organisations/${organisationId}`, {
      decision: "reject",
      note: reason,
    });
    expect(response.status).toBe(302);
    const organisation = await db().organisation.findUniqueOrThrow({ where: { id: organisationId } });
    expect(organisation).toMatchObject({ verificationStatus: "rejected", verificationNote: reason });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "organisation.rejected", subjectId: organisationId },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ previousStatus: "pending", note: reason });
    const mail = (await readOutbox()).find((message) => message.to === form.contactEmail);
    expect(mail?.text).toContain(reason);

    const rejectedTab = await client.get("/admin/organisations?status=rejected");
    expect(await rejectedTab.text()).toContain(form.name);
  });

  it("is only for platform administrators: anyone else gets 404", async () => {
    const { organisationId } = await registerAsVisitor();
    const { person } = await createMember();
    const client = new Browserless(server.origin);
    await client.signIn(person.email, defaultTestPassword);
    expect((await client.get("/admin/organisations")).status).toBe(404);
    expect((await client.get(`/admin/organisations/${organisationId}`)).status).toBe(404);
    const post = await client.post(`/admin/organisations/${organisationId}`, { decision: "verify" });
    expect(post.status).toBe(404);
    expect(
      (await db().organisation.findUniqueOrThrow({ where: { id: organisationId } })).verificationStatus,
    ).toBe("pending");
  });

  it("answers 404 for an unknown organisation", async () => {
    const { client } = await signedInAdmin();
    const response = await client.post("/admin/organisations/no-such-organisation", { decision: "verify" });
    expect(response.status).toBe(404);
    expect((await client.get("/admin/organisations/no-such-organisation")).status).toBe(404);
  });

  it("lists by status, newest first, with counts", async () => {
    const older = await createOrganisation({ verificationStatus: "pending", name: `Older ${unique()}` });
    await db().organisation.update({
      where: { id: older.id },
      data: { createdAt: new Date(Date.now() - 60_000) },
    });
    const newer = await createOrganisation({ verificationStatus: "pending", name: `Newer ${unique()}` });
    const { client } = await signedInAdmin();
    const html = await (await client.get("/admin/organisations?status=pending")).text();
    expect(html.indexOf(newer.name)).toBeGreaterThan(-1);
    expect(html.indexOf(newer.name)).toBeLessThan(html.indexOf(older.name));
    const pending = await db().organisation.count({ where: { verificationStatus: "pending" } });
    expect(html).toContain(`Waiting for verification (${pending})`);
    const verified = await (await client.get("/admin/organisations?status=verified")).text();
    expect(verified).not.toContain(newer.name);
  });
});
