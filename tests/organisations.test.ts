import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addMember, createMember, createOrganisation, createPerson } from "./factories";
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
