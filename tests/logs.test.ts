import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { storedSessionId } from "~/modules/auth/lucia.server";
import { readOutbox } from "~/modules/mail/outbox.server";
import { demoAccounts } from "../prisma/seed";
import { Browserless } from "./support/server";
import { startConcordProcess } from "./support/process";

const dataDir = mkdtempSync(path.join(tmpdir(), "concord-logs-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const newPassword = "a quiet river under the old bridge";
const requestLogKeys = ["level", "time", "service", "req", "res", "responseTime", "personId", "msg"];

/** Every secret the journey sees: cookie values, invitation tokens, session ids as stored, passwords. */
class Secrets {
  readonly values = new Set<string>();

  fromResponse(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const value = decodeURIComponent(line.slice(line.indexOf("=") + 1, line.indexOf(";")));
      if (value.length < 8) continue;
      this.values.add(value);
      if (line.startsWith("concord_session=")) this.values.add(storedSessionId(value));
    }
    return response;
  }

  add(value: string) {
    this.values.add(value);
    return value;
  }
}

/** The token of the newest invitation the running Concord mailed to `email` (its outbox is in dataDir). */
async function mailedInvitationToken(email: string): Promise<string> {
  const mail = (await readOutbox(path.join(dataDir, "outbox"))).filter((sent) => sent.to === email).at(-1);
  const token = mail && /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

describe("the request log of a running Concord", () => {
  it("holds no cookie, session id or invitation token of a whole journey, and says who made each request", async () => {
    const concord = await startConcordProcess(dataDir);
    const secrets = new Secrets();
    const [focalPoint, , cso] = demoAccounts;
    if (!focalPoint || !cso) throw new Error("demo accounts missing");
    // The demo password is printed at start on purpose; the one chosen here must never be.
    secrets.add(newPassword);

    // A focal point signs in and invites an existing account and a newcomer to the ministry.
    const inviter = new Browserless(concord.origin);
    secrets.fromResponse(await inviter.signIn(focalPoint.email, focalPoint.password));
    const organisations = await (await inviter.get("/organisations")).text();
    const ministryId = /href="\/organisations\/([^"]+)">Ministry of Interior/.exec(organisations)?.[1];
    expect(ministryId, "the ministry in the list of organisations").toBeTruthy();
    const invite = async (email: string) => {
      const created = secrets.fromResponse(
        await inviter.post(`/organisations/${ministryId}/invitations`, { email, role: "member" }),
      );
      await inviter.landOn(created);
      return secrets.add(await mailedInvitationToken(email));
    };
    const csoToken = await invite(cso.email);
    const newcomerToken = await invite("newcomer@ministry.example");

    // The existing account opens its link signed out, signs in from there and joins.
    const member = new Browserless(concord.origin);
    const toSignIn = await member.get(`/invitations/${csoToken}`);
    const signInPage = toSignIn.headers.get("Location") ?? "";
    expect(signInPage).toContain(encodeURIComponent(csoToken));
    secrets.fromResponse(toSignIn);
    await member.get(signInPage);
    const signedIn = secrets.fromResponse(
      await member.post(signInPage, {
        email: cso.email,
        password: cso.password,
        redirectTo: `/invitations/${csoToken}`,
      }),
    );
    expect(signedIn.headers.get("Location")).toBe(`/invitations/${csoToken}`);
    await member.get(`/invitations/${csoToken}`);
    await member.get(`/invitations/${csoToken}.data`);
    secrets.fromResponse(await member.post(`/invitations/${csoToken}`, {}));

    // The newcomer accepts with a new account, and is signed in.
    const newcomer = new Browserless(concord.origin);
    await newcomer.get(`/invitations/${newcomerToken}`);
    const accepted = secrets.fromResponse(
      await newcomer.post(`/invitations/${newcomerToken}`, { name: "New Comer", password: newPassword }),
    );
    await newcomer.landOn(accepted);

    // The member changes the password (a new session) and signs out.
    const changed = secrets.fromResponse(
      await member.post("/settings/password", {
        currentPassword: cso.password,
        newPassword,
        confirmPassword: newPassword,
      }),
    );
    expect(changed.status).toBe(302);
    await member.landOn(changed);
    secrets.fromResponse(await member.post("/logout", {}));

    concord.child.kill("SIGTERM");
    expect(await concord.exited).toBe(0);
    const log = concord.output();
    expect(secrets.values.size).toBeGreaterThan(10);
    for (const secret of secrets.values) expect(log, `the log holds ${secret}`).not.toContain(secret);

    const requests = log
      .split("\n")
      .filter((line) => line.includes('"request completed"'))
      .map((line) => JSON.parse(line) as Record<string, unknown> & { req: Record<string, unknown> });
    expect(requests.length).toBeGreaterThan(15);
    for (const line of requests) {
      expect(requestLogKeys).toEqual(expect.arrayContaining(Object.keys(line)));
      expect(Object.keys(line.req).sort()).toEqual(["id", "method", "path"]);
    }
    const paths = requests.map((line) => line.req.path);
    expect(paths).toContain("/invitations/…");
    expect(paths).toContain("/invitations/….data");
    const passwordPage = requests.find((line) => line.req.path === "/settings/password");
    expect(passwordPage?.personId).toEqual(expect.any(String));
    const signInPageLine = requests.find((line) => line.req.path === "/login" && line.req.method === "GET");
    expect(signInPageLine).toBeDefined();
    expect(signInPageLine).not.toHaveProperty("personId");
  });
});
