import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox } from "~/modules/mail/outbox.server";
import { nameSkeleton } from "~/modules/organisations/name-skeleton";
import { keyLegacyOrganisationNames } from "~/modules/organisations/names.server";
import { db } from "~/utils/db.server";
import { addMember, createMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function profileForm(overrides: Record<string, string> = {}) {
  return {
    name: `Renamed Organisation ${Date.now()}`,
    place: "Lyon",
    country: "FR",
    website: "https://example.org/about",
    description: "We welcome newcomers.",
    contactName: "Nadia Benali",
    contactEmail: "contact@example.org",
    ...overrides,
  };
}

describe("the list of one's organisations", () => {
  it("shows each of the person's organisations with its status, and no one else's", async () => {
    const { organisation: verified, person } = await createMember({ role: "member" });
    const pending = await createOrganisation({ verificationStatus: "pending" });
    await addMember(person.id, pending.id, { role: "admin" });
    const elsewhere = await createOrganisation();
    const client = await Browserless.signedIn(server.origin, person.email);
    const page = await (await client.get("/organisations")).text();
    expect(page).toContain(verified.name);
    expect(page).toContain(pending.name);
    expect(page).not.toContain(elsewhere.name);
    expect(page).toContain('class="badge badge--verified"');
    expect(page).toContain('class="badge badge--pending"');
    expect(page).toContain("Awaiting verification");
    expect(page).toContain("Your role: Administrator");
  });

  it("asks someone signed out to sign in", async () => {
    const response = await new Browserless(server.origin).get("/organisations");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Forganisations");
  });
});

describe("an organisation's page", () => {
  it("shows members their profile, the members with roles and focal points, and who is online", async () => {
    const { organisation, person: admin } = await createMember({
      role: "admin",
      isFocalPoint: true,
      organisation: { type: "local_authority", governanceLevel: "local", country: "CA" },
    });
    const colleague = await createPerson({ name: "Colleague Member" });
    await addMember(colleague.id, organisation.id);
    const client = await Browserless.signedIn(server.origin, colleague.email);
    const page = await (await client.get(`/organisations/${organisation.id}`)).text();
    expect(page).toContain(organisation.name);
    expect(page).toContain("Local authority");
    expect(page).toContain("Canada");
    expect(page).toContain(admin.name);
    expect(page).toContain("Colleague Member");
    expect(page).toContain("Focal point");
    expect(page).toContain("online-now");
    expect(page).not.toContain(`/organisations/${organisation.id}/edit`);
  });

  it("shows another verified organisation's profile but not its members", async () => {
    const { organisation, person: admin } = await createMember();
    const outsider = await createPerson();
    const client = await Browserless.signedIn(server.origin, outsider.email);
    const response = await client.get(`/organisations/${organisation.id}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(organisation.name);
    expect(page).not.toContain(admin.email);
    expect(page).not.toContain("online-now");
  });

  it("answers 404 for an unknown organisation and for one the person may not see", async () => {
    const pending = await createOrganisation({ verificationStatus: "pending" });
    const rejected = await createOrganisation({ verificationStatus: "rejected" });
    const outsider = await createPerson();
    const client = await Browserless.signedIn(server.origin, outsider.email);
    for (const id of ["no-such-organisation", pending.id, rejected.id]) {
      for (const suffix of ["", "/edit", "/invitations"]) {
        const response = await client.get(`/organisations/${id}${suffix}`);
        expect(response.status).toBe(404);
        expect(await response.text()).toContain("Page not found");
      }
    }
  });

  it("shows an organisation awaiting verification its notice, without presence", async () => {
    const { organisation, person } = await createMember({ organisation: { verificationStatus: "pending" } });
    const client = await Browserless.signedIn(server.origin, person.email);
    const page = await (await client.get(`/organisations/${organisation.id}`)).text();
    expect(page).toContain("This organisation is waiting for verification");
    expect(page).not.toContain("online-now");
    expect(page).toContain(`/organisations/${organisation.id}/edit`);
  });
});

describe("editing the profile", () => {
  it("lets an admin of an organisation awaiting verification save its profile, with an audit event", async () => {
    const { organisation, person } = await createMember({
      role: "admin",
      organisation: { verificationStatus: "pending" },
    });
    const client = await Browserless.signedIn(server.origin, person.email);
    const form = await (await client.get(`/organisations/${organisation.id}/edit`)).text();
    expect(form).toContain(`value="${organisation.name}"`);

    const values = profileForm();
    const saved = await client.post(`/organisations/${organisation.id}/edit`, values);
    const page = await client.landOn(saved);
    expect(page).toContain("The profile was saved.");
    expect(page).toContain(values.name);
    expect(page).toContain("France");

    const updated = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(updated).toMatchObject({ ...values, verificationStatus: "pending" });
    const [audit, ...others] = await db().auditEvent.findMany({
      where: { action: "organisation.profile-updated", subjectId: organisation.id },
    });
    expect(others).toHaveLength(0);
    expect(audit?.actorId).toBe(person.id);
    expect(JSON.parse(audit?.detail ?? "{}").changes.name).toEqual({
      from: organisation.name,
      to: values.name,
    });

    const unchanged = await client.post(`/organisations/${organisation.id}/edit`, values);
    expect(await client.landOn(unchanged)).toContain("Nothing was changed.");
    expect(
      await db().auditEvent.count({
        where: { action: "organisation.profile-updated", subjectId: organisation.id },
      }),
    ).toBe(1);
  });

  it("rejects over-long and malformed fields, keeping every value typed", async () => {
    const { organisation, person } = await createMember({ role: "admin" });
    const client = await Browserless.signedIn(server.origin, person.email);
    const values = profileForm({
      name: "N".repeat(201),
      place: "P".repeat(121),
      country: "XX",
      website: "http://example.org",
      description: "D".repeat(2001),
      contactName: "Kept Contact",
      contactEmail: "not-an-email",
    });
    const response = await client.post(`/organisations/${organisation.id}/edit`, values);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page.match(/This is too long\./g)).toHaveLength(3);
    expect(page).toContain("Choose one of the options.");
    expect(page).toContain("Enter a web address starting with https://.");
    expect(page).toContain("Enter an email address like name@example.org.");
    expect(page).toContain(`value="${values.name}"`);
    expect(page).toContain(`value="${values.place}"`);
    expect(page).toContain(`value="${values.website}"`);
    expect(page).toContain(`>${values.description}</textarea>`);
    expect(page).toContain('value="Kept Contact"');
    expect(page).toContain('value="not-an-email"');
    const unchanged = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(unchanged.name).toBe(organisation.name);
  });

  it("refuses a name another organisation already has", async () => {
    const { organisation, person } = await createMember({ role: "admin" });
    const other = await createOrganisation();
    const client = await Browserless.signedIn(server.origin, person.email);
    const response = await client.post(
      `/organisations/${organisation.id}/edit`,
      profileForm({ name: other.name.toUpperCase() }),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Another organisation is already registered as");
    expect(page).toContain(`value="${other.name.toUpperCase()}"`);
  });

  it("answers 404 to a member who is not an admin", async () => {
    const { organisation } = await createMember({ role: "admin" });
    const member = await createPerson();
    await addMember(member.id, organisation.id);
    const client = await Browserless.signedIn(server.origin, member.email);
    expect((await client.get(`/organisations/${organisation.id}/edit`)).status).toBe(404);
    const post = await client.post(`/organisations/${organisation.id}/edit`, profileForm());
    expect(post.status).toBe(404);
    const unchanged = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(unchanged.name).toBe(organisation.name);
  });
});

describe("renaming a verified organisation", () => {
  async function verifiedWithAdmin() {
    const { organisation, person } = await createMember({ role: "admin" });
    const client = await Browserless.signedIn(server.origin, person.email);
    return { organisation, person, client };
  }

  async function platformAdmin() {
    const admin = await createPerson({ isPlatformAdmin: true });
    return Browserless.signedIn(server.origin, admin.email);
  }

  async function requestRename(client: Browserless, organisationId: string, name: string) {
    const saved = await client.post(`/organisations/${organisationId}/edit`, profileForm({ name }));
    return client.landOn(saved);
  }

  it("keeps the verified name and badge until a platform administrator confirms the new one", async () => {
    const { organisation, client } = await verifiedWithAdmin();
    const newName = `Directorate of Integration ${Date.now()}`;
    const page = await requestRename(client, organisation.id, newName);
    expect(page).toContain("The new name waits for confirmation by a platform administrator");
    expect(page).toContain(`The new name “${newName}” waits for confirmation by a platform administrator.`);
    expect(page).toContain(`<h1>${organisation.name}</h1>`);
    expect(page).toContain('class="badge badge--verified"');
    const stored = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(stored).toMatchObject({
      name: organisation.name,
      requestedName: newName,
      verificationStatus: "verified",
      place: "Lyon",
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "organisation.profile-updated", subjectId: organisation.id },
    });
    expect(JSON.parse(audit.detail).changes.requestedName).toEqual({ from: null, to: newName });
    expect(JSON.parse(audit.detail).changes.name).toBeUndefined();

    // The edit form holds the name asked for; the help says it needs confirming.
    const form = await (await client.get(`/organisations/${organisation.id}/edit`)).text();
    expect(form).toContain(`value="${newName}"`);
    expect(form).toContain("A platform administrator confirms a new name before it is shown");

    // Others see the verified name only.
    const outsider = await Browserless.signedIn(server.origin, (await createPerson()).email);
    const outside = await (await outsider.get(`/organisations/${organisation.id}`)).text();
    expect(outside).toContain(organisation.name);
    expect(outside).not.toContain(newName);

    const admin = await platformAdmin();
    const queue = await (await admin.get("/admin/organisations?status=renames")).text();
    expect(queue).toContain("New names to confirm (");
    expect(queue).toContain(`Asks to be renamed “${newName}”`);
    const confirmed = await admin.post(`/admin/organisations/${organisation.id}`, {
      decision: "confirm-rename",
      reviewedName: newName,
    });
    expect(await admin.landOn(confirmed)).toContain(`${newName} now carries its new name.`);
    const renamed = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(renamed).toMatchObject({ name: newName, requestedName: null, verificationStatus: "verified" });
    expect(
      await db().auditEvent.count({ where: { action: "organisation.renamed", subjectId: organisation.id } }),
    ).toBe(1);
    const mail = (await readOutbox()).filter((message) => message.to === renamed.contactEmail).at(-1);
    expect(mail?.subject).toBe(`${newName}: the new name is confirmed on Concord`);
    expect(mail?.text).toContain(`(formerly ${organisation.name})`);
    const after = await (await client.get(`/organisations/${organisation.id}`)).text();
    expect(after).toContain(`<h1>${newName}</h1>`);
    expect(after).not.toContain("waits for confirmation");
  });

  it("lets a platform administrator refuse the new name with a reason, which is mailed", async () => {
    const { organisation, client } = await verifiedWithAdmin();
    const newName = `Ministry of Everything ${Date.now()}`;
    await requestRename(client, organisation.id, newName);
    const admin = await platformAdmin();
    const withoutReason = await admin.post(`/admin/organisations/${organisation.id}`, {
      decision: "refuse-rename",
      reviewedName: newName,
      note: " ",
    });
    expect(withoutReason.status).toBe(200);
    expect(await withoutReason.text()).toContain("Give the reason for rejecting");

    const reason = "The new name is not the one in the national register.";
    const refused = await admin.post(`/admin/organisations/${organisation.id}`, {
      decision: "refuse-rename",
      reviewedName: newName,
      note: reason,
    });
    expect(await admin.landOn(refused)).toContain(`The new name for ${organisation.name} is refused.`);
    const stored = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(stored).toMatchObject({
      name: organisation.name,
      requestedName: null,
      verificationStatus: "verified",
    });
    const mail = (await readOutbox()).filter((message) => message.to === stored.contactEmail).at(-1);
    expect(mail?.text).toContain(reason);
    expect(mail?.text).toContain(`“${newName}”`);
  });

  it("refuses to confirm a name other than the one the administrator saw", async () => {
    const { organisation, client } = await verifiedWithAdmin();
    const first = `First New Name ${Date.now()}`;
    await requestRename(client, organisation.id, first);
    const admin = await platformAdmin();
    const page = await (await admin.get(`/admin/organisations/${organisation.id}`)).text();
    expect(page).toContain(`name="reviewedName" value="${first}"`);
    const second = `Second New Name ${Date.now()}`;
    await requestRename(client, organisation.id, second);
    const stale = await admin.post(`/admin/organisations/${organisation.id}`, {
      decision: "confirm-rename",
      reviewedName: first,
    });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain("This organisation has changed since the page was loaded");
    const stored = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(stored).toMatchObject({ name: organisation.name, requestedName: second });
  });

  it("withdraws the request when the current name is saved again, and ignores invisible characters", async () => {
    const { organisation, client } = await verifiedWithAdmin();
    await requestRename(client, organisation.id, `Passing Name ${Date.now()}`);
    const back = await requestRename(client, organisation.id, organisation.name);
    expect(back).toContain("The profile was saved.");
    expect(back).not.toContain("waits for confirmation");
    expect(
      (await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } })).requestedName,
    ).toBeNull();

    // The name with a zero-width space is the same name: nothing to confirm, nothing stored.
    const same = await client.post(
      `/organisations/${organisation.id}/edit`,
      profileForm({ name: `${organisation.name}\u200b` }),
    );
    expect(await client.landOn(same)).toContain("Nothing was changed.");
    const stored = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(stored).toMatchObject({ name: organisation.name, requestedName: null });
  });

  it("refuses a new name that reads like another organisation's name or requested name", async () => {
    const ministry = await createOrganisation({ name: `Ministry of Interior — Directorate ${Date.now()}` });
    const { organisation, client } = await verifiedWithAdmin();
    for (const name of [
      `${ministry.name}\u200b`,
      ministry.name.replace("Ministry", "Мinistry"),
      ministry.name.replace("—", "-"),
    ]) {
      const response = await client.post(`/organisations/${organisation.id}/edit`, profileForm({ name }));
      expect(response.status, name).toBe(200);
      expect(await response.text(), name).toContain("or under a name that reads the same");
    }

    const other = await verifiedWithAdmin();
    const wanted = `Wanted Name ${Date.now()}`;
    await requestRename(other.client, other.organisation.id, wanted);
    const response = await client.post(
      `/organisations/${organisation.id}/edit`,
      profileForm({ name: wanted.toUpperCase() }),
    );
    expect(await response.text()).toContain("or under a name that reads the same");
    const stored = await db().organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(stored).toMatchObject({ name: organisation.name, requestedName: null });
  });
});

describe("organisations stored before names had look-alike keys", () => {
  it("get a normalised name and key at start-up; a verified look-alike of an older one loses its badge", async () => {
    const stamp = Date.now();
    const ministry = await createOrganisation({ name: `Ministry of Interior ${stamp}` });
    const older = await createOrganisation({ name: `Older Association ${stamp}` });
    const spoof = await createOrganisation({ name: `Spoof ${stamp}` });
    const pendingSpoof = await createOrganisation({
      name: `Pending Spoof ${stamp}`,
      verificationStatus: "pending",
    });
    // As rows written before names were normalised could be: invisible characters, no key.
    await db().organisation.update({
      where: { id: older.id },
      data: { name: `Older\u200b  Association ${stamp}`, nameSkeleton: null },
    });
    for (const [{ id }, name] of [
      [spoof, `${ministry.name}\u200b`],
      [pendingSpoof, ministry.name.replace("Ministry", "Мinistry")],
    ] as const) {
      await db().organisation.update({ where: { id }, data: { name, nameSkeleton: null } });
    }

    const lookalikes = await keyLegacyOrganisationNames();
    expect(lookalikes).toEqual(expect.arrayContaining([`${ministry.name}\u200b`]));
    expect(lookalikes).not.toContain(older.name);
    const [olderNow, spoofNow, pendingNow] = await Promise.all(
      [older, spoof, pendingSpoof].map(({ id }) => db().organisation.findUniqueOrThrow({ where: { id } })),
    );
    expect(olderNow).toMatchObject({ name: older.name, nameSkeleton: nameSkeleton(older.name) });
    expect(spoofNow).toMatchObject({ nameSkeleton: null, verificationStatus: "pending", verifiedAt: null });
    expect(pendingNow).toMatchObject({ nameSkeleton: null, verificationStatus: "pending" });
    expect(
      await db().auditEvent.count({
        where: { action: "organisation.verification-withdrawn", subjectId: spoof.id },
      }),
    ).toBe(1);
    expect(
      (await db().organisation.findUniqueOrThrow({ where: { id: ministry.id } })).verificationStatus,
    ).toBe("verified");
  });
});
