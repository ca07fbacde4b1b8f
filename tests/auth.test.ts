import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMember, createPerson, defaultTestPassword } from "../prisma/factories/people";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;
const invalidCredentials = "That email address and password do not match an account.";

function failedSignIns(personId: string) {
  return db().auditEvent.findMany({ where: { subjectId: personId, action: "person.sign-in-failed" } });
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("signing in", () => {
  it("opens a session with the right password and writes an audit event", async () => {
    const { person } = await createMember();
    const client = new Browserless(server.origin);
    const response = await client.post("/login", { email: person.email, password: defaultTestPassword });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith("concord_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const home = await client.get("/");
    expect(await home.text()).toContain(person.name);
    const audit = await db().auditEvent.findMany({
      where: { actorId: person.id, action: "person.signed-in" },
    });
    expect(audit).toHaveLength(1);
  });

  it("gives one generic message for a wrong password and for an unknown email, keeping the email typed", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin, { "X-Forwarded-For": "2001:db8::10" });
    const wrong = await (
      await client.post("/login", { email: person.email, password: "not the password" })
    ).text();
    const unknown = await (
      await client.post("/login", { email: "nobody-here@example.org", password: "not the password" })
    ).text();
    expect(wrong).toContain(invalidCredentials);
    expect(unknown).toContain(invalidCredentials);
    expect(wrong).toContain(`value="${person.email}"`);
    expect(wrong).not.toContain("not the password");
  });

  it("rate limits repeated failures for an account from one address", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    for (let attempt = 0; attempt < 5; attempt++) {
      await client.post("/login", { email: person.email, password: `wrong password ${attempt}` });
    }
    const blocked = await (
      await client.post("/login", { email: person.email, password: defaultTestPassword })
    ).text();
    expect(blocked).toContain("Too many failed attempts");
    expect(await db().session.count({ where: { userId: person.id } })).toBe(0);
  });

  it("checks at most 5 of 60 simultaneous wrong passwords for one account", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, attempt) => {
        const response = await client.post("/login", { email: person.email, password: `guess ${attempt}` });
        return response.text();
      }),
    );
    const checked = answers.filter((html) => html.includes(invalidCredentials));
    const refused = answers.filter((html) => html.includes("Too many failed attempts"));
    console.info(
      `parallel sign-in: 60 fired, ${checked.length} verified, ${refused.length} refused unchecked`,
    );
    expect(checked).toHaveLength(5);
    expect(refused).toHaveLength(55);
    expect(await failedSignIns(person.id)).toHaveLength(5);
  });

  it("lets the owner in from a device that signed in before, while others exhaust the limits", async () => {
    const person = await createPerson();
    const sharedAddress = { "X-Forwarded-For": "2001:db8::30" };
    const owner = new Browserless(server.origin, sharedAddress);
    await owner.signIn(person.email, defaultTestPassword);
    await owner.post("/logout", {});

    // A guesser behind the same address (one office, one NAT) locks only itself out.
    const guesser = new Browserless(server.origin, sharedAddress);
    for (let attempt = 0; attempt < 25; attempt++) {
      await guesser.post("/login", { email: person.email, password: `wrong password ${attempt}` });
    }
    const guesserAgain = await guesser.post("/login", { email: person.email, password: defaultTestPassword });
    expect(await guesserAgain.text()).toContain("Too many failed attempts");
    // A device cookie cannot be made up: unsigned, it is ignored.
    const madeUp = Buffer.from(JSON.stringify({ personId: person.id, deviceId: "mine" })).toString("base64");
    const forged = await guesser.post(
      "/login",
      { email: person.email, password: defaultTestPassword },
      { Cookie: `concord_device=${encodeURIComponent(madeUp)}` },
    );
    expect(await forged.text()).toContain("Too many failed attempts");
    expect((await owner.post("/login", { email: person.email, password: defaultTestPassword })).status).toBe(
      302,
    );
    const elsewhere = new Browserless(server.origin);
    expect(
      (await elsewhere.post("/login", { email: person.email, password: defaultTestPassword })).status,
    ).toBe(302);
  });

  it("stops guessing spread over many addresses at 100 failures an hour, except from known devices", async () => {
    const person = await createPerson();
    const owner = await Browserless.signedIn(server.origin, person.email);
    await owner.post("/logout", {});
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const guesser = new Browserless(server.origin);
        for (let attempt = 0; attempt < 5; attempt++) {
          await guesser.post("/login", { email: person.email, password: `wrong password ${attempt}` });
        }
      }),
    );
    expect(await failedSignIns(person.id)).toHaveLength(100);
    const newcomer = new Browserless(server.origin);
    const refused = await newcomer.post("/login", { email: person.email, password: defaultTestPassword });
    expect(await refused.text()).toContain("Too many failed attempts");
    expect((await owner.post("/login", { email: person.email, password: defaultTestPassword })).status).toBe(
      302,
    );
  });

  it("rate limits repeated failures per address, whatever the accounts tried", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin, { "X-Forwarded-For": "2001:db8::20" });
    for (let attempt = 0; attempt < 20; attempt++) {
      await client.post("/login", {
        email: `guess${attempt}@example.org`,
        password: "not a password at all",
      });
    }
    const blocked = await (
      await client.post("/login", { email: person.email, password: defaultTestPassword })
    ).text();
    expect(blocked).toContain("Too many failed attempts");
    const elsewhere = new Browserless(server.origin, { "X-Forwarded-For": "2001:db8::21" });
    expect(
      (await elsewhere.post("/login", { email: person.email, password: defaultTestPassword })).status,
    ).toBe(302);
  });

  it("rejects malformed and over-long input with field messages", async () => {
    const client = new Browserless(server.origin);
    const response = await client.post("/login", { email: "not-an-email", password: "x".repeat(300) });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Enter an email address like name@example.org.");
    expect(html).toContain("Use at most 256 characters.");
  });
});

describe("state-changing requests", () => {
  it("refuses a post from a foreign origin or without one", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    const foreign = await client.post(
      "/login",
      { email: person.email, password: defaultTestPassword },
      {
        Origin: "https://attacker.example",
      },
    );
    expect(foreign.status).toBe(403);
    const response = await fetch(new URL("/login", server.origin), {
      method: "POST",
      body: new URLSearchParams({ email: person.email, password: defaultTestPassword }),
    });
    expect(response.status).toBe(403);
  });

  it("refuses bodies over the limit and other methods", async () => {
    const client = new Browserless(server.origin);
    const huge = await client.post("/login", {
      email: "a@example.org",
      password: "x".repeat(2 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    const patch = await fetch(new URL("/login", server.origin), {
      method: "PATCH",
      headers: { Origin: server.origin },
    });
    expect(patch.status).toBe(405);
  });

  it("treats a cookie of a deleted session as signed out", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    await client.signIn(person.email, defaultTestPassword);
    await db().session.deleteMany({ where: { userId: person.id } });
    const response = await client.get("/settings/sessions");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("health", () => {
  it("reports the database reachable", async () => {
    const response = await fetch(new URL("/healthz", server.origin));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: true,
      redis: process.env.REDIS_URL ? true : "not used",
    });
  });
});

/** Ways to make a "same-site path" lead elsewhere, as browsers and URL parsers read them. */
const redirectBypasses = [
  "/\t/evil.example/phish",
  "/%09/evil.example/phish",
  "/\n/evil.example",
  "/%0a/evil.example",
  "/\r\n/evil.example",
  "/%0d%0a/evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example/phish",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/%5C/evil.example",
  "/%5cevil.example",
  "https://evil.example",
  "https:evil.example",
  "http:/evil.example",
  "//evil%2ecom",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%252F%252Fevil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/..//evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
  "\u0000//evil.example",
  "/\u0000/evil.example",
  "//@evil.example",
  "https://localhost@evil.example",
  "\uff0f\uff0fevil.example",
  "/\u2215\u2215evil.example",
  "%2F%2Fevil.example",
  "/\t\\evil.example",
];

/** The attribute value React rendered, as the browser reads it back. */
function htmlAttributeValue(html: string, name: string): string {
  const raw = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  return raw
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

describe("the page after signing in", () => {
  function expectSameOriginPath(location: string | null) {
    expect(location).toMatch(/^\/(?![/\\])/);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(location).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    expect(new URL(location ?? "", server.origin).origin).toBe(server.origin);
  }

  it(`is always a path of Concord's own, whatever redirectTo says (${redirectBypasses.length} known bypasses)`, async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    for (const redirectTo of redirectBypasses) {
      const posted = await client.post("/login", {
        email: person.email,
        password: defaultTestPassword,
        redirectTo,
      });
      expect(posted.status, JSON.stringify(redirectTo)).toBe(302);
      expectSameOriginPath(posted.headers.get("Location"));
      await client.post("/logout", {});

      // The way a link reaches the form: the sign-in page puts redirectTo in a hidden field.
      const page = await client.get(`/login?${new URLSearchParams({ redirectTo })}`);
      const carried = htmlAttributeValue(await page.text(), "redirectTo");
      const followed = await client.post("/login", {
        email: person.email,
        password: defaultTestPassword,
        redirectTo: carried,
      });
      expectSameOriginPath(followed.headers.get("Location"));
      await client.post("/logout", {});
    }
  });

  it("is the page that asked for the sign-in, with its query and fragment", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    const redirectTo = "/spaces/abc/updates?before=2026-01-01#latest";
    const posted = await client.post("/login", {
      email: person.email,
      password: defaultTestPassword,
      redirectTo,
    });
    expect(posted.headers.get("Location")).toBe(redirectTo);
  });
});
