import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addMember, createPerson, defaultTestPassword } from "./factories";
import { addDelegate, createConvenedSpace, createParticipantOrganisation } from "./space-factories";
import { Browserless, startTestServer, type TestServer } from "./support/server";

/*
 * Reading a space one is not part of — or any of its updates, concerns or members — answers 404, exactly as a
 * space that does not exist: in pages, in single-fetch data requests (also when they ask for one route's loader
 * alone), in form posts and over sockets. The routes are read from app/routes when the test runs, so a new
 * space page is walked without anyone adding it here.
 */

const routesDirectory = path.resolve(import.meta.dirname, "../app/routes");

type SpaceRoute = { file: string; id: string; segments: string[]; hasAction: boolean };

/** Every route module under /spaces/:spaceId, with its URL segments (Remix flat-routes file names). */
function spaceRoutes(): SpaceRoute[] {
  return readdirSync(routesDirectory)
    .filter((file) => /^spaces\.\$spaceId([._].*)?\.tsx?$/.test(file))
    .map((file) => {
      const name = file.replace(/\.tsx?$/, "");
      const segments = name
        .split(".")
        .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
        .map((segment) => segment.replace(/_$/, ""));
      const source = readFileSync(path.join(routesDirectory, file), "utf8");
      return {
        file,
        id: `routes/${name}`,
        segments,
        hasAction: /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source),
      };
    });
}

let server: TestServer;
/** What the URLs of the walked space take for each dynamic segment: that space's own rows. */
let params: Record<string, string>;
/** The same URLs for a space id that exists nowhere: what "not found" looks like. */
let missing: Record<string, string>;
let otherSpaceId: string;
/** What only someone in the space may read: none of it may appear in an answer to anyone else. */
let secrets: string[];
let outsiderCookie: string;
const personas = [
  "an outsider",
  "the admin of an organisation that left",
  "the admin of an organisation that declined",
  "the admin of an unverified participant",
] as const;
type Persona = (typeof personas)[number];
const people = {} as Record<Persona, Browserless>;

beforeAll(async () => {
  server = await startTestServer();
  const { space, convener, focalPoint } = await createConvenedSpace({
    space: { title: "Closed working group on returns", mandate: "A mandate only its members read." },
    convener: { name: "Ministry of Closed Doors" },
  });
  otherSpaceId = space.id;
  const { organisation, admin } = await createParticipantOrganisation(space.id, "EMPOWER");
  const update = await db().spaceUpdate.create({
    data: {
      spaceId: space.id,
      kind: "document",
      title: "Settlement priorities 2026",
      fileName: "priorities.pdf",
      fileKey: "missing/priorities.pdf",
      fileSize: 10,
      fileType: "application/pdf",
      authorId: focalPoint.id,
      organisationId: convener.id,
    },
  });
  const concern = await db().concern.create({
    data: {
      spaceId: space.id,
      organisationId: organisation.id,
      raisedById: admin.id,
      text: "Waiting lists",
      theme: "housing",
    },
  });
  const request = await db().levelRequest.create({
    data: {
      spaceId: space.id,
      organisationId: organisation.id,
      requestedLevel: "EMPOWER",
      reason: "We co-fund",
      requestedById: admin.id,
    },
  });
  const participant = await db().spaceParticipant.findFirstOrThrow({
    where: { spaceId: space.id, organisationId: organisation.id },
  });
  params = {
    spaceId: space.id,
    updateId: update.id,
    concernId: concern.id,
    requestId: request.id,
    levelRequestId: request.id,
    organisationId: organisation.id,
    participantId: participant.id,
    personId: admin.id,
  };
  missing = { ...params, spaceId: "no-such-space" };
  secrets = [
    space.title,
    space.mandate,
    update.title,
    concern.text,
    request.reason,
    organisation.name,
    convener.name,
  ];

  // An outsider: admin of a verified organisation that convenes a space of its own, but is not in this one.
  const outsider = await createPerson();
  const { convener: theirs } = await createConvenedSpace();
  await addMember(outsider.id, theirs.id, { role: "admin" });
  // An organisation that was in the space and left; one that declined; one still awaiting verification.
  const formerly = await createParticipantOrganisation(space.id, "INVOLVE", { status: "left" });
  const declined = await createParticipantOrganisation(space.id, "CONSULT", { status: "declined" });
  const unverified = await createParticipantOrganisation(space.id, "COLLABORATE", {
    organisation: { verificationStatus: "pending" },
  });
  await addDelegate(space.id, formerly.organisation.id, formerly.admin.id, true);
  const accounts: Record<Persona, { email: string }> = {
    "an outsider": outsider,
    "the admin of an organisation that left": formerly.admin,
    "the admin of an organisation that declined": declined.admin,
    "the admin of an unverified participant": unverified.admin,
  };
  for (const persona of personas)
    people[persona] = await Browserless.signedIn(server.origin, accounts[persona].email, defaultTestPassword);
  outsiderCookie = people["an outsider"].cookieHeader();
});
afterAll(async () => {
  await server.close();
});

function urlOf(route: SpaceRoute, values: Record<string, string>) {
  return `/${route.segments
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const value = values[segment.slice(1)];
      if (!value) throw new Error(`${route.file}: no id for ${segment}; add one to the walked space`);
      return encodeURIComponent(value);
    })
    .join("/")}`;
}

type Probe = {
  name: string;
  send: (client: Browserless, url: string, route: SpaceRoute) => Promise<Response>;
};

const probes: Probe[] = [
  { name: "GET the page", send: (client, url) => client.get(url) },
  { name: "GET the data", send: (client, url) => client.get(`${url}.data`) },
  {
    name: "GET the route's loader alone",
    send: (client, url, route) => client.get(`${url}.data?${new URLSearchParams({ _routes: route.id })}`),
  },
  { name: "POST an empty form", send: (client, url) => client.post(url, {}) },
];

const routes = spaceRoutes();

describe("the walk", () => {
  it("finds the space pages", () => {
    expect(routes.map((route) => route.file)).toEqual(
      expect.arrayContaining([
        "spaces.$spaceId.tsx",
        "spaces.$spaceId.audit.tsx",
        "spaces.$spaceId.engagement.tsx",
      ]),
    );
  });
});

describe.each(personas)("for %s", (person) => {
  it.each(probes.map((probe) => [probe.name, probe] as const))(
    "%s of every space route answers 404, as for a space that does not exist",
    async (_name, probe) => {
      const client = people[person];
      const leaks: string[] = [];
      for (const route of routes) {
        const url = urlOf(route, params);
        const response = await probe.send(client, url, route);
        const body = await response.text();
        const notFound = await probe.send(client, urlOf(route, missing), route);
        await notFound.text();
        // A route without an action refuses posts the same way for every space (405); all else must be 404.
        const expected = probe.name.startsWith("POST") && !route.hasAction ? notFound.status : 404;
        const told = secrets.filter((secret) => body.includes(secret));
        if (response.status !== expected || told.length > 0)
          leaks.push(`${route.file}: ${probe.name} ${url} answered ${response.status} ${told.join(", ")}`);
      }
      expect(leaks).toEqual([]);
    },
  );
});

describe("the space's live channel", () => {
  it("refuses an outsider's space:watch as not found", async () => {
    const socket = connectSocket(server.origin.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      extraHeaders: { cookie: outsiderCookie, origin: server.origin },
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const answer = await socket.timeout(3_000).emitWithAck("space:watch", { spaceId: otherSpaceId });
      expect(answer).toEqual({ ok: false, error: "not-found" });
      const none = await socket.timeout(3_000).emitWithAck("space:watch", { spaceId: "no-such-space" });
      expect(none).toEqual({ ok: false, error: "not-found" });
    } finally {
      socket.disconnect();
    }
  });
});
