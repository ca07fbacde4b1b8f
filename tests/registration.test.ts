import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import type { VerificationStatus } from "~/modules/authorization/actor";
import { readOutbox } from "~/modules/mail/outbox.server";
import { nameSkeleton } from "~/modules/organisations/name-skeleton";
import { db } from "~/utils/db.server";
import { normaliseName } from "~/utils/names";
import { domainEvents, type DomainEvents } from "~/utils/events.server";
import {
  createMember,
  createOrganisation,
  createPerson,
  defaultTestPassword,
} from "../prisma/factories/people";
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

/** The link of the newest address confirmation mailed to `email`. */
async function confirmationLink(email: string) {
  const mail = (await readOutbox()).filter((message) => message.to === email).at(-1);
  const path = mail && /\/confirm-email\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  if (!path) throw new Error(`no confirmation link mailed to ${email}`);
  return path;
}

/** Registers as a visitor would; the account waits for its address to be confirmed. */
async function registerAsVisitor(form = visitorForm()) {
  const client = new Browserless(server.origin);
  const response = await client.post("/register", form);
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/confirm-email");
  const organisation = await db().organisation.findFirstOrThrow({
    where: { name: normaliseName(form.name) },
  });
  return { client, response, organisationId: organisation.id, form };
}

/** Registers, follows the mailed link and signs in: the registrant as they are once their address is confirmed. */
async function registerAndConfirm(form = visitorForm()) {
  const registered = await registerAsVisitor(form);
  const { client } = registered;
  await client.landOn(await client.post(await confirmationLink(form.accountEmail), {}));
  await client.signIn(form.accountEmail, form.password);
  return registered;
}

function recordEvents<K extends keyof DomainEvents>(name: K) {
  const seen: DomainEvents[K][] = [];
  const stop = domainEvents().on(name, (payload) => seen.push(payload));
  return { seen, stop };
}

/** A page as its reader sees it: without the per-response CSP nonces. */
/** A page without what differs on every render: script nonces and the seed of its forms' tokens. */
const withoutNonces = (html: string) =>
  html
    .replace(/nonce="[^"]*"/g, "")
    .replace(/(\\"formSeed\\",\\")[A-Za-z0-9_-]+/g, "$1")
    .replace(/name="formToken" value="[^"]*"/g, 'name="formToken"');

describe("registering an organisation", () => {
  it("creates a pending organisation and an account that acts only once its address is confirmed", async () => {
    const { client, response, organisationId, form } = await registerAsVisitor();
    expect(response.headers.getSetCookie().some((line) => line.startsWith("concord_session="))).toBe(false);
    const checkMail = await client.landOn(response);
    expect(checkMail).toContain("Check your mail");
    expect(checkMail).toContain(`We have sent a message to ${form.accountEmail}`);

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
    expect(person.emailConfirmedAt).toBeNull();
    const membership = await db().membership.findUniqueOrThrow({
      where: { personId_organisationId: { personId: person.id, organisationId } },
    });
    expect(membership.role).toBe("admin");
    const actions = (await db().auditEvent.findMany({ where: { actorId: person.id } })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["person.registered", "organisation.registered", "membership.created"]),
    );

    // The mail holds a single-use link valid for a day; only its hash is stored.
    const link = await confirmationLink(form.accountEmail);
    const token = link.split("/").at(-1) ?? "";
    const confirmation = await db().emailConfirmation.findFirstOrThrow({ where: { personId: person.id } });
    expect(confirmation.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(confirmation)).not.toContain(token);
    expect(confirmation.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
    expect(confirmation.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);

    // Signed in before confirming, every page leads to the confirmation page and every action is refused.
    await client.signIn(form.accountEmail, form.password);
    for (const path of [
      "/",
      `/organisations/${organisationId}`,
      "/spaces",
      "/settings/profile",
      "/register",
    ]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(302);
      expect(page.headers.get("Location"), path).toBe("/confirm-email");
    }
    const edit = await client.post(`/organisations/${organisationId}/edit`, { name: "Taken Over" });
    expect(edit.headers.get("Location")).toBe("/confirm-email");
    expect((await db().organisation.findUniqueOrThrow({ where: { id: organisationId } })).name).toBe(
      form.name,
    );
    const pending = await (await client.get("/confirm-email")).text();
    expect(pending).toContain("Confirm your email address");
    expect(pending).toContain(form.accountEmail);
    expect(pending).toContain("Send me a new link");

    // Opening the link only shows a button; pressing it confirms the address.
    const opened = await client.get(link);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Confirm my address");
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).emailConfirmedAt).toBeNull();
    const confirmed = await client.post(link, {});
    expect(confirmed.headers.get("Location")).toBe("/");
    expect(await client.landOn(confirmed)).toContain("Your email address is confirmed.");
    expect(
      (await db().person.findUniqueOrThrow({ where: { id: person.id } })).emailConfirmedAt,
    ).not.toBeNull();
    expect(
      await db().auditEvent.count({ where: { action: "person.email-confirmed", subjectId: person.id } }),
    ).toBe(1);
    const again = await new Browserless(server.origin).get(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("This link has already been used");

    const page = await client.get(`/organisations/${organisationId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(form.name);
    expect(html).toContain("This organisation is waiting for verification by a platform administrator");

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

  it("answers for an address that has an account exactly as for a new one, and mails its owner instead", async () => {
    const owner = await createPerson({ name: "Owner of the address" });
    const before = await db().person.findUniqueOrThrow({ where: { id: owner.id } });
    const newcomer = visitorForm();
    const intruder = visitorForm({ accountEmail: owner.email, password: "another long phrase here" });
    const answers = [];
    for (const form of [newcomer, intruder]) {
      const client = new Browserless(server.origin);
      const response = await client.post("/register", form);
      const page = withoutNonces(await client.landOn(response)).replaceAll(form.accountEmail, "ADDRESS");
      answers.push({
        status: response.status,
        location: response.headers.get("Location"),
        cookies: response.headers.getSetCookie().map((line) => line.split("=")[0]),
        page,
      });
    }
    expect(answers[1]).toEqual(answers[0]);

    expect(await db().organisation.count({ where: { name: intruder.name } })).toBe(0);
    expect(await db().person.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(before);
    const mail = (await readOutbox()).filter((message) => message.to === owner.email).at(-1);
    expect(mail?.subject).toBe("Someone tried to register on Concord with your address");
    expect(mail?.text).toContain("Hello Owner of the address");
    expect(mail?.text).toContain(`${server.origin}/login?redirectTo=%2Fregister`);
    // What the stranger typed stays out of the owner's mail.
    expect(mail?.text).not.toContain(intruder.name);
    expect(mail?.text).not.toContain("/confirm-email/");
  });

  it("refuses a name already registered, whatever its case", async () => {
    const existing = await createOrganisation({ name: `Refugee Welcome ${unique()}` });
    const client = new Browserless(server.origin);
    const response = await client.post("/register", visitorForm({ name: existing.name.toUpperCase() }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("is already registered on Concord");
  });

  it("refuses a name that only reads like a registered one, the same for any address", async () => {
    const ministry = await createOrganisation({ name: `Ministry of Interior — Directorate ${unique()}` });
    const [, suffix] = ministry.name.split("Directorate ");
    const lookalikes = [
      `${ministry.name}\u200b`,
      `\u202e${ministry.name}`,
      ministry.name.replace("Ministry", "Мinistry").replace("of", "оf"),
      ministry.name.replace("—", "-"),
      ministry.name.replace("—", "–").replace("Interior", "lnterior"),
      `ΜΙΝΙSTRY OF INTERIOR — DIRECTORATE ${suffix}`,
      ministry.name.replace("Ministry", "Ｍｉｎｉｓｔｒｙ"),
      ministry.name.replace("Directorate", "Dírectorate"),
    ];
    const owner = await createPerson();
    for (const [index, name] of lookalikes.entries()) {
      const accountEmail = index === 0 ? owner.email : `lookalike-${unique()}@example.org`;
      const response = await new Browserless(server.origin).post(
        "/register",
        visitorForm({ name, accountEmail }),
      );
      expect(response.status, name).toBe(200);
      expect(await response.text(), name).toContain(
        "or with a name that reads the same, is already registered",
      );
    }
    expect(await db().organisation.count({ where: { nameSkeleton: ministry.nameSkeleton } })).toBe(1);
    expect(await db().organisation.count({ where: { name: { startsWith: "Ministry of Interior" } } })).toBe(
      1,
    );
  });

  it("stores names without invisible characters, and lets different names through", async () => {
    const { organisationId, form } = await registerAsVisitor(
      visitorForm({
        name: `  Welcome\u200b  Centre\u202e  of\u00a0Lyon ${unique()} `,
        accountName: "\u2067Amina\u2069 \u200fDiallo\ufeff",
      }),
    );
    const organisation = await db().organisation.findUniqueOrThrow({ where: { id: organisationId } });
    expect(organisation.name).toMatch(/^Welcome Centre of Lyon \d+-\d+$/);
    expect(organisation.nameSkeleton).toBe(nameSkeleton(organisation.name));
    const person = await db().person.findUniqueOrThrow({ where: { email: form.accountEmail } });
    expect(person.name).toBe("Amina Diallo");

    const blank = await new Browserless(server.origin).post(
      "/register",
      visitorForm({ name: "\u200b\u2066 \u2069" }),
    );
    expect(blank.status).toBe(200);
    expect(await blank.text()).toContain("This field is required.");
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

describe("limiting registrations", () => {
  it("accepts five an hour from one address, then says in the visitor's language when to try again", async () => {
    const client = new Browserless(server.origin, { "Accept-Language": "fr" });
    for (let index = 0; index < 5; index++) {
      expect((await client.post("/register", visitorForm())).status).toBe(302);
    }
    const form = visitorForm();
    const refused = await client.post("/register", form);
    expect(refused.status).toBe(200);
    const html = await refused.text();
    expect(html).toContain("Trop d’inscriptions depuis votre connexion au cours de la dernière heure.");
    expect(html).toMatch(/Réessayez dans (59|60) minutes\./);
    expect(html).toContain(`value="${form.name}"`);
    expect(html).toContain(`value="${form.accountEmail}"`);
    expect(html).not.toContain(form.password);
    expect(await db().organisation.count({ where: { name: form.name } })).toBe(0);
  });

  it("mails one address three times an hour at most, whether it has an account or not", async () => {
    const owner = await createPerson();
    for (const accountEmail of [owner.email, `newcomer-${unique()}@example.org`]) {
      const attempts = [];
      for (let index = 0; index < 4; index++) {
        const response = await new Browserless(server.origin).post(
          "/register",
          visitorForm({ accountEmail }),
        );
        attempts.push(response.status === 302 ? "sent" : await response.text());
      }
      expect(attempts.slice(0, 3)).toEqual(["sent", "sent", "sent"]);
      expect(attempts[3]).toContain(
        "We have already sent several messages to this address in the last hour.",
      );
    }
    expect((await readOutbox()).filter((mail) => mail.to === owner.email)).toHaveLength(3);
  });
});

describe("verifying an organisation", () => {
  it("verifies it: status, audit event, domain event and a mail to its contact", async () => {
    const { organisationId, form } = await registerAsVisitor();
    const { admin, client } = await signedInAdmin();
    const events = recordEvents("organisation.verification-changed");
    try {
      const response = await client.post(`/admin/organisations/${organisationId}`, {
        decision: "verify",
        reviewedName: form.name,
      });
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
      reviewedName: form.name,
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
      reviewedName: form.name,
    });
    expect(withoutReason.status).toBe(200);
    expect(await withoutReason.text()).toContain("Give the reason for rejecting");
    const tooLong = await client.post(`/admin/organisations/${organisationId}`, {
      decision: "reject",
      note: "because ".repeat(130),
      reviewedName: form.name,
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
      reviewedName: form.name,
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

  it("verifies only the name the administrator saw, not one the organisation changed to meanwhile", async () => {
    const { client: registrant, organisationId, form } = await registerAndConfirm();
    const { client } = await signedInAdmin();
    const review = await (await client.get(`/admin/organisations/${organisationId}`)).text();
    expect(review).toContain(`name="reviewedName" value="${form.name}"`);

    const renamed = `Ministry of Everything ${unique()}`;
    await registrant.landOn(
      await registrant.post(`/organisations/${organisationId}/edit`, {
        ...organisationForm(),
        name: renamed,
      }),
    );
    const stale = await client.post(`/admin/organisations/${organisationId}`, {
      decision: "verify",
      reviewedName: form.name,
    });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain("This organisation has changed since the page was loaded");
    const organisation = await db().organisation.findUniqueOrThrow({ where: { id: organisationId } });
    expect(organisation).toMatchObject({ name: renamed, verificationStatus: "pending" });
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
