import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashLinkToken } from "~/utils/link-token.server";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, openConsultation } from "./consultation-factories";
import { createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const routesDirectory = path.resolve(import.meta.dirname, "../app/routes");

/** Every route module that exports an action, read from app/routes, with its URL pattern (flat routes). */
function actionRoutes() {
  return readdirSync(routesDirectory)
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) =>
      /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(
        readFileSync(path.join(routesDirectory, file), "utf8"),
      ),
    )
    .map((file) => ({ file, ...urlPattern(file.replace(/\.tsx?$/, "")) }));
}

/** Remix v2 flat-route file name → URL path: "." separates segments, [x] escapes, _index, _layout, suffix_. */
function urlPattern(name: string) {
  const segments: string[] = [];
  let current = "";
  for (let index = 0; index < name.length; index += 1) {
    const character = name[index]!;
    if (character === "[") {
      const end = name.indexOf("]", index);
      current += name.slice(index + 1, end);
      index = end;
    } else if (character === ".") {
      segments.push(current);
      current = "";
    } else current += character;
  }
  segments.push(current);
  const isIndex = segments.at(-1) === "_index";
  const pathSegments = segments
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => segment.replace(/_$/, ""));
  return { pattern: `/${pathSegments.join("/")}`, isIndex };
}

type Malformed = { kind: string; body: BodyInit; headers: Record<string, string> };

const boundary = "----ConcordFuzzBoundary";
const urlencoded = { "Content-Type": "application/x-www-form-urlencoded" };
const malformedKinds: Malformed[] = [
  { kind: "JSON", body: '{"intent":"remove","title":"x"}', headers: { "Content-Type": "application/json" } },
  { kind: "text/plain", body: "intent=remove\ntitle=x", headers: { "Content-Type": "text/plain" } },
  {
    kind: "XML",
    body: '<?xml version="1.0"?><form><intent>remove</intent></form>',
    headers: { "Content-Type": "application/xml" },
  },
  { kind: "no content type", body: Buffer.from("intent=remove&title=x"), headers: {} },
  {
    kind: "broken multipart",
    body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nremove`),
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  },
  {
    kind: "multipart with a bad boundary",
    body: Buffer.from(
      `--other\r\nContent-Disposition: form-data; name="intent"\r\n\r\nremove\r\n--other--\r\n`,
    ),
    headers: { "Content-Type": `multipart/form-data; boundary="${boundary}` },
  },
  { kind: "intent=__proto__", body: "intent=__proto__&__proto__=x&title=x", headers: urlencoded },
  { kind: "intent=constructor", body: "intent=constructor&constructor=x&title=x", headers: urlencoded },
  { kind: "intent=toString", body: "intent=toString&toString=x&title=x", headers: urlencoded },
  {
    kind: "huge field names",
    body: `${"n".repeat(400_000)}=1&${"a.b[0]".repeat(50_000)}=2&intent=remove`,
    headers: urlencoded,
  },
  {
    kind: "duplicate fields",
    body: "intent=remove&intent=update&organisationId=a&organisationId=b&title=x&title=y&level=INFORM&level=EMPOWER",
    headers: urlencoded,
  },
  {
    kind: "invalid UTF-8 percent-encoding",
    body: "intent=%FF%FE&title=%C3%28&%FF%FE=%80&x=%",
    headers: urlencoded,
  },
];

/** A space, a consultation with a question and an invitation: real ids for every route's parameters. */
async function world() {
  const { space, convener, focalPoint } = await createConvenedSpace();
  const { organisation, admin } = await createParticipantOrganisation(space.id, "COLLABORATE");
  const consultation = await createConsultation(space.id, focalPoint.id, { title: "Fuzzed" });
  await addQuestion(consultation.id, "short_text");
  await openConsultation(consultation.id);
  const token = randomBytes(32).toString("base64url");
  await db().invitation.create({
    data: {
      organisationId: organisation.id,
      email: (await createPerson()).email,
      tokenHash: hashLinkToken(token),
      invitedById: admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const ids = { spaceId: space.id, consultationId: consultation.id, token };
  return {
    actors: [
      {
        who: "participant",
        client: await Browserless.signedIn(server.origin, admin.email),
        ...ids,
        organisationId: organisation.id,
      },
      {
        who: "convener",
        client: await Browserless.signedIn(server.origin, focalPoint.email),
        ...ids,
        organisationId: convener.id,
      },
      { who: "nobody", client: new Browserless(server.origin), ...ids, organisationId: organisation.id },
    ],
  };
}

describe("malformed requests to every action", () => {
  it(
    "are answered 4xx (or the form again), never 5xx, for a participant, a convener and nobody",
    { timeout: 240_000 },
    async () => {
      const routes = actionRoutes();
      expect(routes.length).toBeGreaterThanOrEqual(27);
      // Signing out ends the session the other requests use: that route goes last.
      routes.sort((a, b) => Number(a.pattern === "/logout") - Number(b.pattern === "/logout"));
      const { actors } = await world();
      const answers: { who: string; url: string; kind: string; status: number }[] = [];
      for (const actor of actors) {
        for (const route of routes) {
          const pathname = route.pattern.replace(/\$(\w+)/g, (_, name: keyof typeof actor) =>
            String(actor[name]),
          );
          const urls = [
            `${pathname}${route.isIndex ? "?index" : ""}`,
            `${pathname}.data${route.isIndex ? "?index" : ""}`,
          ];
          for (const url of urls)
            await Promise.all(
              malformedKinds.map(async ({ kind, body, headers }) => {
                // A connection the server dropped counts as status 0: an answer nobody got.
                const status = await actor.client.postBody(url, body, headers).then(
                  async (response) => (await response.arrayBuffer(), response.status),
                  () => 0,
                );
                answers.push({ who: actor.who, url, kind, status });
              }),
            );
        }
      }
      const serverErrors = answers.filter((answer) => answer.status >= 500 || answer.status === 0);
      const byStatus: Record<string, number> = {};
      for (const { status } of answers) byStatus[status] = (byStatus[status] ?? 0) + 1;
      console.info(
        `malformed requests: ${answers.length} sent to ${routes.length} actions, ${serverErrors.length} answered 5xx or dropped; by status:`,
        byStatus,
      );
      expect(answers).toHaveLength(actors.length * routes.length * 2 * malformedKinds.length);
      expect(serverErrors).toEqual([]);
      // What is not a form never reaches an action.
      const notForms = ["JSON", "text/plain", "XML", "no content type"];
      expect(
        answers.filter((answer) => notForms.includes(answer.kind)).every((answer) => answer.status === 415),
      ).toBe(true);
    },
  );
});

describe("what a malformed request is told", () => {
  it("415 for a body that is not a form, 400 with a page that says so for one that cannot be read or dispatched", async () => {
    const { space } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "COLLABORATE");
    const client = await Browserless.signedIn(server.origin, admin.email);

    const json = await client.postBody("/settings/profile", '{"name":"x"}', {
      "Content-Type": "application/json",
    });
    expect(json.status).toBe(415);
    expect(json.headers.get("Accept-Post")).toBe("application/x-www-form-urlencoded, multipart/form-data");
    expect(await json.text()).toContain("Concord accepts forms");

    const unreadable = [
      client.postBody("/settings/profile", Buffer.from(`--${boundary}\r\nbroken`), {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      }),
      client.post("/settings/profile", { [`${"a.b[0]".repeat(60)}`]: "deep", name: "x" }),
      client.post(`/spaces/${space.id}/participation`, { intent: "constructor", organisationId: "x" }),
      client.post(`/spaces/${space.id}/participation`, { intent: "__proto__", organisationId: "x" }),
    ];
    for (const response of await Promise.all(unreadable)) {
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("This request could not be read");
    }
  });
});

/** A request with exactly these headers (Host included), as a reverse proxy or a hand-written client sends it. */
function rawRequest(method: string, target: string, headers: Record<string, string>, body = "") {
  const { port } = new URL(server.origin);
  return new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method, path: target, headers, setHost: false },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("requests through a reverse proxy (TRUST_PROXY=true)", () => {
  it("take a form post whose Host or X-Forwarded-Host is not the public origin's, and refuse foreign origins", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const publicHost = new URL(server.origin).host;
    const form = (origin: string, extra: Record<string, string>) => ({
      Origin: origin,
      Cookie: client.cookieHeader(),
      "Content-Type": "application/x-www-form-urlencoded",
      Host: publicHost,
      ...extra,
    });
    const body = `language=fr&redirectTo=${encodeURIComponent(`/spaces/${space.id}`)}`;
    const proxiedHeaders: Record<string, string>[] = [
      { Host: "127.0.0.1:8080" },
      { "X-Forwarded-Host": "concord.internal", "X-Forwarded-Proto": "https" },
      { "X-Forwarded-Host": `${publicHost}, proxy.internal` },
      { "X-Forwarded-Host": "not a host name" },
      { "X-Forwarded-Host": "concord.internal:not-a-port" },
    ];
    for (const proxied of proxiedHeaders) {
      // A page's action (Remix compares its Origin with Host) and a resource route's.
      const action = await rawRequest("POST", "/notifications", form(server.origin, proxied), "");
      expect(action, JSON.stringify(proxied)).toEqual({ status: 302, location: "/notifications" });
      const answer = await rawRequest("POST", "/resources/language", form(server.origin, proxied), body);
      expect(answer, JSON.stringify(proxied)).toEqual({ status: 302, location: `/spaces/${space.id}` });
      const page = await rawRequest("GET", `/spaces/${space.id}`, { ...form(server.origin, proxied) });
      expect(page.status, JSON.stringify(proxied)).toBe(200);
    }
    const foreign = await rawRequest(
      "POST",
      "/resources/language",
      form("https://evil.example", { "X-Forwarded-Host": "evil.example" }),
      body,
    );
    expect(foreign.status).toBe(403);
  });

  it("answer 400 to a request target that is not a path", async () => {
    for (const target of ["http://evil.example/spaces", "*"]) {
      const answer = await rawRequest("GET", target, { Host: new URL(server.origin).host });
      expect(answer.status, target).toBe(400);
    }
  });
});
