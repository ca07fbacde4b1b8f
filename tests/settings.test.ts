import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedSessionId } from "~/modules/auth/lucia.server";
import { sessionHandle } from "~/modules/auth/sessions.server";
import { db } from "~/utils/db.server";
import { createPerson, defaultTestPassword } from "../prisma/factories/people";
import { Browserless, startTestServer, type TestServer } from "./support/server";

const firefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const safariOnIphone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const chromeOnAndroid =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const newPassword = "a quiet river under the old bridge";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function signedInClient(email: string, userAgent = firefoxOnWindows, password = defaultTestPassword) {
  const client = new Browserless(server.origin, { "User-Agent": userAgent });
  await client.signIn(email, password);
  return client;
}

/** The secret the session cookie carries. */
function sessionTokenOf(client: Browserless): string {
  const token = /(?:^|; )concord_session=([^;]+)/.exec(client.cookieHeader())?.[1];
  if (!token) throw new Error("the client has no session cookie");
  return token;
}

/** Whether a browser whose session cookie holds `value` is signed in. */
async function signsIn(value: string): Promise<boolean> {
  const response = await new Browserless(server.origin).get("/settings/sessions", {
    headers: { Cookie: `concord_session=${value}` },
  });
  return response.status === 200;
}

/** The id the database keeps for the client's session. */
function sessionIdOf(client: Browserless): string {
  return storedSessionId(sessionTokenOf(client));
}

async function sessionIdsOf(personId: string) {
  const sessions = await db().session.findMany({ where: { userId: personId }, select: { id: true } });
  return sessions.map((session) => session.id).sort();
}

function auditActions(personId: string, action: string) {
  return db().auditEvent.findMany({ where: { actorId: personId, action } });
}

describe("settings", () => {
  it("opens the profile page for a signed-in person and asks anyone else to sign in", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const signedIn = await client.get("/settings");
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/settings/profile");
    const stranger = new Browserless(server.origin);
    for (const pathname of ["/settings/profile", "/settings/password"]) {
      const signedOut = await stranger.get(pathname);
      expect(signedOut.status).toBe(302);
      expect(signedOut.headers.get("Location")).toBe(
        `/login?${new URLSearchParams({ redirectTo: pathname })}`,
      );
    }
  });
});

describe("changing the password", () => {
  it("refuses a wrong current password as a field error, without echoing any password", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const response = await client.post("/settings/password", {
      currentPassword: "not my current password",
      newPassword,
      confirmPassword: newPassword,
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Your current password is not correct.");
    expect(html).not.toContain("not my current password");
    expect(html).not.toContain(newPassword);
    expect(await auditActions(person.id, "person.password-changed")).toHaveLength(0);
  });

  it("refuses a short, a common or a mistyped new password", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const attempts = [
      { newPassword: "short", confirmPassword: "short", message: "Use at least 12 characters." },
      {
        newPassword: "qwerty123456",
        confirmPassword: "qwerty123456",
        message: "This password is too common; choose another.",
      },
      { newPassword, confirmPassword: `${newPassword}!`, message: "The two passwords do not match." },
    ];
    for (const { message, ...passwords } of attempts) {
      const response = await client.post("/settings/password", {
        currentPassword: defaultTestPassword,
        ...passwords,
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).not.toContain(defaultTestPassword);
    }
    const stored = await db().person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored.passwordHash).toBe(person.passwordHash);
  });

  it("changes the password, gives this device a new session and ends every session from before", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const other = await signedInClient(person.email, safariOnIphone);
    const tokenBefore = sessionTokenOf(client);
    const response = await client.post("/settings/password", {
      currentPassword: defaultTestPassword,
      newPassword,
      confirmPassword: newPassword,
    });
    expect(response.headers.get("Location")).toBe("/settings/password");
    const renewed = response.headers.getSetCookie().find((line) => line.startsWith("concord_session="));
    expect(renewed).toMatch(/HttpOnly/i);
    expect(await client.landOn(response)).toContain("Password changed; other sessions were signed out.");
    expect(await sessionIdsOf(person.id)).toEqual([sessionIdOf(client)]);
    expect(sessionTokenOf(client)).not.toBe(tokenBefore);
    expect(await signsIn(tokenBefore)).toBe(false);
    expect((await other.get("/settings/sessions")).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const audit = await auditActions(person.id, "person.password-changed");
    expect(audit.map((event) => JSON.parse(event.detail))).toEqual([{ sessionsEnded: 1 }]);

    const withOld = await new Browserless(server.origin).post("/login", {
      email: person.email,
      password: defaultTestPassword,
    });
    expect(withOld.status).toBe(200);
    await signedInClient(person.email, chromeOnAndroid, newPassword);
  });

  it("checks at most 5 of 60 simultaneous wrong current passwords", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, attempt) => {
        const response = await client.post("/settings/password", {
          currentPassword: `not my password ${attempt}`,
          newPassword,
          confirmPassword: newPassword,
        });
        return response.text();
      }),
    );
    const checked = answers.filter((html) => html.includes("Your current password is not correct."));
    console.info(`parallel current passwords: 60 fired, ${checked.length} verified`);
    expect(checked).toHaveLength(5);
    expect(answers.filter((html) => html.includes("Too many failed attempts"))).toHaveLength(55);
    expect(await auditActions(person.id, "person.password-change-failed")).toHaveLength(5);
  });

  it("limits wrong current passwords like failed sign-ins", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    for (let attempt = 0; attempt < 5; attempt++) {
      await client.post("/settings/password", {
        currentPassword: `not my password ${attempt}`,
        newPassword,
        confirmPassword: newPassword,
      });
    }
    const blocked = await client.post("/settings/password", {
      currentPassword: defaultTestPassword,
      newPassword,
      confirmPassword: newPassword,
    });
    expect(await blocked.text()).toContain("Too many failed attempts");
    const stored = await db().person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored.passwordHash).toBe(person.passwordHash);
  });
});

describe("sessions", () => {
  it("lists each device readably, marks this one and never shows a session id", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email, firefoxOnWindows);
    const phone = await signedInClient(person.email, safariOnIphone);
    const html = await (await client.get("/settings/sessions")).text();
    expect(html.match(/name="sessionId"/g)).toHaveLength(2);
    expect(html).toContain("Safari on iOS");
    expect(html).toContain("2001:db8::");
    const thisDevice = html.split("<tr").filter((row) => row.includes("This device"));
    expect(thisDevice).toHaveLength(1);
    expect(thisDevice[0]).toContain("Firefox on Windows");
    expect(html).toContain(sessionHandle(sessionIdOf(phone)));
    for (const device of [client, phone]) {
      const storedBytes = Buffer.from(sessionIdOf(device), "hex");
      for (const secret of [sessionTokenOf(device), sessionIdOf(device), storedBytes.toString("base64url")]) {
        expect(html).not.toContain(secret);
      }
    }
  });

  it("stores only a hash of the cookie's secret, which signs nobody in", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const token = sessionTokenOf(client);
    const stored = await sessionIdsOf(person.id);
    expect(stored).toEqual([storedSessionId(token)]);
    expect(stored).not.toContain(token);
    expect(await signsIn(stored[0] ?? "")).toBe(false);
    expect(await signsIn(token)).toBe(true);
  });

  it("revokes another of the person's sessions, which is signed out at its next request", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const phone = await signedInClient(person.email, safariOnIphone);
    const response = await client.post("/settings/sessions", {
      sessionId: sessionHandle(sessionIdOf(phone)),
    });
    expect(await client.landOn(response)).toContain("That session was signed out.");
    expect(await sessionIdsOf(person.id)).toEqual([sessionIdOf(client)]);
    const next = await phone.get("/settings/sessions");
    expect(next.status).toBe(302);
    expect(next.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fsessions");
    const audit = await auditActions(person.id, "session.revoked");
    expect(audit.map((event) => JSON.parse(event.detail))).toEqual([{ current: false }]);
  });

  it("answers an unknown or malformed session with an error and changes nothing", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    await signedInClient(person.email, safariOnIphone);
    const before = await sessionIdsOf(person.id);
    const forms: Array<Record<string, string>> = [
      { sessionId: "no-such-session" },
      { sessionId: "x".repeat(101) },
      {},
    ];
    for (const form of forms) {
      const html = await client.landOn(await client.post("/settings/sessions", form));
      expect(html).toContain("That session does not exist or is not yours. Nothing was changed.");
    }
    expect(await sessionIdsOf(person.id)).toEqual(before);
    expect(await auditActions(person.id, "session.revoked")).toHaveLength(0);
  });

  it("refuses to revoke someone else's session, by its handle, its id or its token", async () => {
    const person = await createPerson();
    const stranger = await createPerson();
    const client = await signedInClient(person.email);
    const strangerClient = await signedInClient(stranger.email);
    const theirs = sessionIdOf(strangerClient);
    for (const sessionId of [sessionHandle(theirs), theirs, sessionTokenOf(strangerClient)]) {
      const html = await client.landOn(await client.post("/settings/sessions", { sessionId }));
      expect(html).toContain("That session does not exist or is not yours. Nothing was changed.");
    }
    expect(await sessionIdsOf(stranger.id)).toEqual([theirs]);
    expect((await strangerClient.get("/settings/sessions")).status).toBe(200);
  });

  it("signs the person out when they revoke the session they are using", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    const phone = await signedInClient(person.email, safariOnIphone);
    const response = await client.post("/settings/sessions", {
      sessionId: sessionHandle(sessionIdOf(client)),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(response.headers.getSetCookie().find((line) => line.startsWith("concord_session="))).toMatch(
      /^concord_session=;/,
    );
    expect(await sessionIdsOf(person.id)).toEqual([sessionIdOf(phone)]);
    expect((await client.get("/settings/sessions")).headers.get("Location")).toMatch(/^\/login\?/);
    const audit = await auditActions(person.id, "session.revoked");
    expect(audit.map((event) => JSON.parse(event.detail))).toEqual([{ current: true }]);
  });

  it("signs out every other session at once", async () => {
    const person = await createPerson();
    const client = await signedInClient(person.email);
    await signedInClient(person.email, safariOnIphone);
    await signedInClient(person.email, chromeOnAndroid);
    const html = await client.landOn(await client.post("/settings/sessions", { intent: "revoke-others" }));
    expect(html).toContain("All your other sessions were signed out.");
    expect(html).toContain("You are not signed in anywhere else.");
    expect(await sessionIdsOf(person.id)).toEqual([sessionIdOf(client)]);
    const audit = await auditActions(person.id, "session.revoked-others");
    expect(audit.map((event) => JSON.parse(event.detail))).toEqual([{ count: 2 }]);
  });
});

describe("profile", () => {
  it("refuses an over-long or missing name and a language it does not offer, keeping what was typed", async () => {
    const person = await createPerson({ name: "Amina Haddad" });
    const client = await signedInClient(person.email);
    const longName = "Amina ".repeat(25).trim();
    const tooLong = await client.post("/settings/profile", { name: longName, language: "fr" });
    expect(tooLong.status).toBe(200);
    const html = await tooLong.text();
    expect(html).toContain("This is too long.");
    expect(html).toContain(`value="${longName}"`);
    const unknownLanguage = await (
      await client.post("/settings/profile", { name: "Amina H.", language: "tlh" })
    ).text();
    expect(unknownLanguage).toContain("Choose one of the options.");
    expect(unknownLanguage).toContain('value="Amina H."');
    const empty = await (await client.post("/settings/profile", {})).text();
    expect(empty).toContain("This field is required.");
    const stored = await db().person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored).toMatchObject({ name: "Amina Haddad", locale: null });
    expect(await auditActions(person.id, "person.profile-updated")).toHaveLength(0);
  });

  it("saves the name and the language, and the pages follow the language", async () => {
    const person = await createPerson({ name: "Amina Haddad" });
    const client = new Browserless(server.origin, { "Accept-Language": "en" });
    await client.signIn(person.email, defaultTestPassword);

    const french = await client.post("/settings/profile", { name: "Amina Haddad-Benali", language: "fr" });
    expect(french.headers.get("Location")).toBe("/settings/profile");
    expect(await client.landOn(french)).toMatch(/<html lang="fr" dir="ltr"/);
    expect(await db().person.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({
      name: "Amina Haddad-Benali",
      locale: "fr",
    });

    const arabic = await client.post("/settings/profile", { name: "Amina Haddad-Benali", language: "ar" });
    expect(await client.landOn(arabic)).toMatch(/<html lang="ar" dir="rtl"/);

    const browser = await client.post("/settings/profile", {
      name: "Amina Haddad-Benali",
      language: "browser",
    });
    expect(await client.landOn(browser)).toMatch(/<html lang="en" dir="ltr"/);
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).locale).toBeNull();

    const audit = await auditActions(person.id, "person.profile-updated");
    expect(audit.map((event) => JSON.parse(event.detail))).toEqual(
      expect.arrayContaining([
        { changed: ["name", "language"], language: "fr" },
        { changed: ["language"], language: "ar" },
        { changed: ["language"], language: null },
      ]),
    );
    expect(audit).toHaveLength(3);
  });

  it("stores the name as others see it: without direction overrides or invisible characters", async () => {
    const person = await createPerson({ name: "Amina Haddad" });
    const client = await Browserless.signedIn(server.origin, person.email);
    const saved = await client.post("/settings/profile", {
      name: "\u202eanilaB\u202c  Amina\u200b Haddad\u2066",
      language: "en",
    });
    await client.landOn(saved);
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe(
      "anilaB Amina Haddad",
    );

    const invisible = await client.post("/settings/profile", { name: "\u200b\u200f", language: "en" });
    expect(invisible.status).toBe(200);
    expect(await invisible.text()).toContain("This field is required.");
  });
});
