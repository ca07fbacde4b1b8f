import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { createInvitation } from "~/modules/invitations/create-invitation.server";
import { readOutbox } from "~/modules/mail/outbox.server";
import { db } from "~/utils/db.server";
import { domainEvents } from "~/utils/events.server";
import {
  addMember,
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

let counter = 0;
const newEmail = () => `invitee${++counter}-${Date.now()}@example.org`;
const newPassword = "a quiet river under the old bridge";

/** The token of the newest invitation mailed to `email`, read from the outbox file. */
async function mailedToken(email: string) {
  const mails = (await readOutbox()).filter((mail) => mail.to === email);
  const last = mails.at(-1);
  const token = last && /\/invitations\/([A-Za-z0-9_-]{43})/.exec(last.text)?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

/** An admin of a verified organisation, with an invitation for a new address made by the command itself. */
async function invited(options: { email?: string; role?: "admin" | "member" } = {}) {
  const { organisation, person: admin } = await createMember({ role: "admin" });
  const actor = await actorForPerson(admin.id);
  if (!actor) throw new Error("admin not found");
  const email = options.email ?? newEmail();
  const { link } = await createInvitation(actor, {
    organisation,
    email,
    role: options.role ?? "member",
    language: "en",
  });
  const token = new URL(link).pathname.split("/").at(-1) ?? "";
  return { organisation, admin, email, token };
}

function auditOf(action: string, subjectId?: string) {
  return db().auditEvent.findMany({ where: { action, ...(subjectId ? { subjectId } : {}) } });
}

describe("inviting a person", () => {
  it("mails a single-use link; a newcomer sets a password, joins and is signed in", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin" });
    const adminClient = await Browserless.signedIn(server.origin, admin.email);
    const page = await (await adminClient.get(`/organisations/${organisation.id}/invitations`)).text();
    expect(page).toContain("Invite a person");

    const email = newEmail();
    const created = await adminClient.post(`/organisations/${organisation.id}/invitations`, {
      email: email.toUpperCase(),
      role: "member",
    });
    const listed = await adminClient.landOn(created);
    expect(listed).toContain(`Invitation sent to ${email}`);
    expect(listed).toContain("Waiting");

    const mail = (await readOutbox()).find((message) => message.to === email);
    expect(mail?.subject).toContain(organisation.name);
    expect(mail?.text).toContain(`${server.origin}/invitations/`);
    expect(mail?.text).toContain(admin.name);
    const token = await mailedToken(email);
    // Only the invitee's mailbox gets the link: it tells whoever holds it whether the address has an account.
    expect(listed).not.toContain(`/invitations/${token}`);

    const invitation = await db().invitation.findFirstOrThrow({ where: { email } });
    expect(invitation.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(invitation)).not.toContain(token);
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(invitation.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    expect(await auditOf("invitation.created", invitation.id)).toHaveLength(1);

    const visitor = new Browserless(server.origin);
    const offer = await visitor.get(`/invitations/${token}`);
    expect(offer.status).toBe(200);
    const offerPage = await offer.text();
    expect(offerPage).toContain(`Join ${organisation.name}`);
    expect(offerPage).toContain(email);

    const tooShort = await visitor.post(`/invitations/${token}`, { name: "Amina Diallo", password: "short" });
    expect(tooShort.status).toBe(200);
    const tooShortPage = await tooShort.text();
    expect(tooShortPage).toContain("Use at least 12 characters.");
    expect(tooShortPage).toContain('value="Amina Diallo"');

    const common = await (
      await visitor.post(`/invitations/${token}`, { name: "Amina Diallo", password: "qwerty123456" })
    ).text();
    expect(common).toContain("This password is too common; choose another.");
    expect(common).toContain('value="Amina Diallo"');
    expect(common).not.toContain("qwerty123456");
    expect(await db().person.count({ where: { email } })).toBe(0);

    const events: unknown[] = [];
    const stop = domainEvents().on("membership.changed", (payload) => events.push(payload));
    const accepted = await visitor.post(`/invitations/${token}`, {
      name: "Amina Diallo",
      password: newPassword,
    });
    stop();
    expect(accepted.headers.getSetCookie().some((line) => line.startsWith("concord_session="))).toBe(true);
    const welcome = await visitor.landOn(accepted);
    expect(welcome).toContain(`Welcome to ${organisation.name}`);
    expect(welcome).toContain("Amina Diallo");

    const person = await db().person.findUniqueOrThrow({ where: { email } });
    expect(person.name).toBe("Amina Diallo");
    // The invitation reached them by mail: their address needs no other confirmation.
    expect(person.emailConfirmedAt).not.toBeNull();
    const membership = await db().membership.findUniqueOrThrow({
      where: { personId_organisationId: { personId: person.id, organisationId: organisation.id } },
    });
    expect(membership.role).toBe("member");
    expect(events).toEqual([{ organisationId: organisation.id, personId: person.id }]);
    const used = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(used.acceptedAt).not.toBeNull();
    expect(used.acceptedById).toBe(person.id);
    expect(await auditOf("invitation.accepted", invitation.id)).toHaveLength(1);
    expect(await auditOf("membership.created", membership.id)).toHaveLength(1);
    expect(await auditOf("person.registered", person.id)).toHaveLength(1);

    // The new person can sign in with the password they chose.
    const again = new Browserless(server.origin);
    expect((await again.post("/login", { email, password: newPassword })).status).toBe(302);
  });

  it("explains a link that was already used, and refuses to use it twice", async () => {
    const { token, email } = await invited();
    const first = new Browserless(server.origin);
    await first.landOn(await first.post(`/invitations/${token}`, { name: "First", password: newPassword }));

    const second = new Browserless(server.origin);
    const page = await second.get(`/invitations/${token}`);
    expect(page.status).toBe(410);
    const text = await page.text();
    expect(text).toContain("This invitation has already been used");
    expect(text).toContain("ask an administrator");
    const reuse = await second.post(`/invitations/${token}`, { name: "Second", password: newPassword });
    expect(reuse.status).not.toBe(302);
    expect(await reuse.text()).toContain("This invitation has already been used");
    const people = await db().person.findMany({ where: { email } });
    expect(people.map((person) => person.name)).toEqual(["First"]);
  });

  it("lets only one of two simultaneous acceptances win", async () => {
    const { token, email, organisation } = await invited();
    const [a, b] = await Promise.all(
      ["Racer A", "Racer B"].map((name) =>
        new Browserless(server.origin).post(`/invitations/${token}`, { name, password: newPassword }),
      ),
    );
    expect([a?.status, b?.status].filter((status) => status === 302)).toHaveLength(1);
    expect(await db().person.count({ where: { email } })).toBe(1);
    expect(await db().membership.count({ where: { organisationId: organisation.id } })).toBe(2);
  });

  it("explains an expired link and what to do", async () => {
    const { token, email, organisation } = await invited();
    await db().invitation.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const visitor = new Browserless(server.origin);
    const page = await visitor.get(`/invitations/${token}`);
    expect(page.status).toBe(410);
    const text = await page.text();
    expect(text).toContain("This invitation has expired");
    expect(text).toContain(`Ask an administrator of ${organisation.name} to invite you again.`);
    await visitor.post(`/invitations/${token}`, { name: "Too Late", password: newPassword });
    expect(await db().person.count({ where: { email } })).toBe(0);
  });

  it("explains an unknown or malformed link", async () => {
    const visitor = new Browserless(server.origin);
    for (const token of [randomBytes(32).toString("base64url"), "not-a-token"]) {
      const page = await visitor.get(`/invitations/${token}`);
      expect(page.status).toBe(404);
      const text = await page.text();
      expect(text).toContain("This invitation link does not work");
      expect(text).toContain("ask the person who invited you to send a new invitation");
    }
  });

  it("lets an admin withdraw a waiting invitation, which then stops working", async () => {
    const { token, email, organisation, admin } = await invited();
    const invitation = await db().invitation.findFirstOrThrow({ where: { email } });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const path = `/organisations/${organisation.id}/invitations`;
    const revoked = await client.post(path, { intent: "revoke", invitationId: invitation.id });
    expect(await client.landOn(revoked)).toContain(`The invitation for ${email} was withdrawn`);
    expect(await auditOf("invitation.revoked", invitation.id)).toHaveLength(1);

    const twice = await client.post(path, { intent: "revoke", invitationId: invitation.id });
    expect(await client.landOn(twice)).toContain("was already accepted, withdrawn or has expired");
    expect(await auditOf("invitation.revoked", invitation.id)).toHaveLength(1);

    const page = await new Browserless(server.origin).get(`/invitations/${token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This invitation was withdrawn");

    const unknown = await client.post(path, { intent: "revoke", invitationId: "no-such-invitation" });
    expect(unknown.status).toBe(404);
    const other = await invited();
    const foreign = await db().invitation.findFirstOrThrow({ where: { email: other.email } });
    expect((await client.post(path, { intent: "revoke", invitationId: foreign.id })).status).toBe(404);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
  });
});

describe("inviting someone with an account", () => {
  it("asks them to sign in, then to press Join", async () => {
    const existing = await createPerson({ name: "Existing Person" });
    const { token, organisation } = await invited({ email: existing.email, role: "admin" });
    const client = new Browserless(server.origin);
    const offer = await client.get(`/invitations/${token}`);
    expect(offer.status).toBe(302);
    const location = offer.headers.get("Location") ?? "";
    expect(location).toBe(`/login?${new URLSearchParams({ redirectTo: `/invitations/${token}` })}`);
    expect(await (await client.get(location)).text()).toContain("You already have a Concord account");

    const signedIn = await client.post("/login", {
      email: existing.email,
      password: defaultTestPassword,
      redirectTo: `/invitations/${token}`,
    });
    const joinPage = await client.landOn(signedIn);
    expect(joinPage).toContain(`Join ${organisation.name}`);
    const joined = await client.landOn(await client.post(`/invitations/${token}`, {}));
    expect(joined).toContain(`Welcome to ${organisation.name}`);
    const membership = await db().membership.findUniqueOrThrow({
      where: { personId_organisationId: { personId: existing.id, organisationId: organisation.id } },
    });
    expect(membership.role).toBe("admin");
  });

  it("refuses someone signed in with another address, with a clear message", async () => {
    const { token, organisation } = await invited();
    const stranger = await createPerson();
    const client = await Browserless.signedIn(server.origin, stranger.email);
    const page = await (await client.get(`/invitations/${token}`)).text();
    expect(page).toContain("This invitation is for someone else");
    expect(page).toContain(`you are signed in as ${stranger.email}`);
    const refused = await client.post(`/invitations/${token}`, {});
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain("This invitation is for someone else");
    expect(
      await db().membership.count({ where: { personId: stranger.id, organisationId: organisation.id } }),
    ).toBe(0);
  });
});

describe("refusing invitations that cannot be made", () => {
  it("gives a field error for an existing member or a waiting invitation, keeping the address", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin" });
    const colleague = await createPerson();
    await addMember(colleague.id, organisation.id);
    const client = await Browserless.signedIn(server.origin, admin.email);
    const path = `/organisations/${organisation.id}/invitations`;

    const member = await client.post(path, { email: colleague.email, role: "member" });
    expect(member.status).toBe(200);
    const memberPage = await member.text();
    expect(memberPage).toContain(`${colleague.email} is already a member of this organisation.`);
    expect(memberPage).toContain(`value="${colleague.email}"`);

    const email = newEmail();
    await client.landOn(await client.post(path, { email, role: "member" }));
    const twice = await client.post(path, { email, role: "admin" });
    expect(twice.status).toBe(200);
    const twicePage = await twice.text();
    expect(twicePage).toContain(`${email} already has an invitation waiting.`);
    expect(twicePage).toContain(`value="${email}"`);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(1);
  });

  it("rejects malformed and over-long input with field errors, keeping what was typed", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin" });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const longEmail = `${"a".repeat(250)}@example.org`;
    const page = await (
      await client.post(`/organisations/${organisation.id}/invitations`, { email: longEmail, role: "owner" })
    ).text();
    expect(page).toContain("This is too long.");
    expect(page).toContain("Choose one of the options.");
    expect(page).toContain(`value="${longEmail}"`);

    const { token } = await invited();
    const visitor = new Browserless(server.origin);
    const longName = "N".repeat(121);
    const accept = await (
      await visitor.post(`/invitations/${token}`, { name: longName, password: "x".repeat(300) })
    ).text();
    expect(accept).toContain("This is too long.");
    expect(accept).toContain("Use at most 256 characters.");
    expect(accept).toContain(`value="${longName}"`);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(0);
  });

  it("does not let a plain member invite, nor show them the form", async () => {
    const { organisation } = await createMember({ role: "admin" });
    const member = await createPerson();
    await addMember(member.id, organisation.id, { role: "member" });
    const client = await Browserless.signedIn(server.origin, member.email);
    const profile = await (await client.get(`/organisations/${organisation.id}`)).text();
    expect(profile).not.toContain(`/organisations/${organisation.id}/invitations`);
    expect((await client.get(`/organisations/${organisation.id}/invitations`)).status).toBe(404);
    const post = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: newEmail(),
      role: "member",
    });
    expect(post.status).toBe(404);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(0);
  });

  it("does not let an organisation awaiting verification invite, and says why", async () => {
    const { organisation, person: admin } = await createMember({
      role: "admin",
      organisation: { verificationStatus: "pending" },
    });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const profile = await (await client.get(`/organisations/${organisation.id}`)).text();
    expect(profile).toContain("This organisation is waiting for verification");
    expect(profile).not.toContain(`/organisations/${organisation.id}/invitations`);
    expect((await client.get(`/organisations/${organisation.id}/invitations`)).status).toBe(404);
    const post = await client.post(`/organisations/${organisation.id}/invitations`, {
      email: newEmail(),
      role: "member",
    });
    expect(post.status).toBe(404);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(0);
  });
});

describe("limiting invitation mail", () => {
  /** Invites `count` new addresses through the command, as the admin, spread over `organisations` in turn. */
  async function inviteMany(adminId: string, organisations: { id: string; name: string }[], count: number) {
    const actor = await actorForPerson(adminId);
    if (!actor) throw new Error("admin not found");
    for (let index = 0; index < count; index++) {
      const organisation = organisations[Math.floor(index / 20)]!;
      await createInvitation(actor, { organisation, email: newEmail(), role: "member", language: "en" });
    }
  }

  it("sends twenty an hour for one organisation, then says when to try again, keeping the address", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin" });
    await inviteMany(admin.id, [organisation], 20);
    const client = await Browserless.signedIn(server.origin, admin.email);
    const email = newEmail();
    const refused = await client.post(`/organisations/${organisation.id}/invitations`, {
      email,
      role: "admin",
    });
    expect(refused.status).toBe(200);
    const page = await refused.text();
    expect(page).toMatch(
      /This organisation has sent as many invitations as Concord allows in an hour\. Try again in (59|60) minutes\./,
    );
    expect(page).toContain(`value="${email}"`);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(20);
    expect((await readOutbox()).some((mail) => mail.to === email)).toBe(false);
  });

  it("sends fifty a day for one person across their organisations, and says so in their language", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin", person: { locale: "ar" } });
    const others = [await createOrganisation(), await createOrganisation()];
    for (const other of others) await addMember(admin.id, other.id, { role: "admin" });
    await inviteMany(admin.id, [organisation, ...others], 50);
    const client = await Browserless.signedIn(server.origin, admin.email);
    const email = newEmail();
    const refused = await client.post(`/organisations/${others[1]!.id}/invitations`, {
      email,
      role: "member",
    });
    const page = await refused.text();
    expect(page).toContain(
      "أرسلت أقصى عدد من الدعوات يسمح به Concord في يوم واحد. حاول مرة أخرى بعد 24 ساعة.",
    );
    expect(page).toContain(`value="${email}"`);
    expect(await db().invitation.count({ where: { invitedById: admin.id } })).toBe(50);
  });
});
