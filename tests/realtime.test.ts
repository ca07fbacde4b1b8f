import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { storedSessionId } from "~/modules/auth/lucia.server";
import { sessionTokenFromCookieHeader } from "~/modules/auth/session.server";
import { sessionHandle } from "~/modules/auth/sessions.server";
import type { Ack, PresenceJoined, PresenceLeft, PresencePayload } from "~/realtime/contract";
import { db } from "~/utils/db.server";
import { domainEvents } from "~/utils/events.server";
import { addMember, createMember, createOrganisation, defaultTestPassword } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { connected, eventTimeoutMs, nextEvent, noEvent, refused, socketClients } from "./support/sockets";

let server: TestServer;
const sockets = socketClients(() => server);
const { open: openSocket, signIn, connectAs } = sockets;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => sockets.closeAll());
afterAll(async () => {
  await server.close();
});

/** The name the sessions page gives the client's session. */
function handleOf(client: Browserless): string {
  return sessionHandle(storedSessionId(sessionTokenFromCookieHeader(client.cookieHeader()) ?? ""));
}

function listPresence(socket: Socket, payload: unknown): Promise<Ack<PresencePayload>> {
  return socket.timeout(eventTimeoutMs).emitWithAck("presence:list", payload);
}

const joined = (organisationId: string, personId?: string) => (payload: PresenceJoined) =>
  payload.organisationId === organisationId &&
  (personId === undefined || payload.person.personId === personId);
const left = (organisationId: string, personId?: string) => (payload: PresenceLeft) =>
  payload.organisationId === organisationId && (personId === undefined || payload.personId === personId);

/** Every event the socket receives from now on, as [event, payload] (without recovery's offset after it). */
function eventPackets(socket: Socket): unknown[][] {
  const received: unknown[][] = [];
  socket.onAny((event: string, payload: unknown) => received.push([event, payload]));
  return received;
}

describe("the socket handshake", () => {
  it("refuses a socket without a session cookie as unauthorised", async () => {
    const error = await refused(openSocket());
    expect(error.message).toBe("unauthorised");
  });

  it("refuses a socket of someone who has not confirmed their address, so it joins no room", async () => {
    const { person } = await createMember({ person: { emailConfirmed: false } });
    const error = await refused(openSocket({ cookie: await signIn(person) }));
    expect(error.message).toBe("unauthorised");
  });

  it("refuses a socket from a foreign origin, or without any origin, even with a valid session", async () => {
    const { person } = await createMember();
    const cookie = await signIn(person);
    const foreign = openSocket({ cookie, origin: "https://attacker.example" });
    await expect(refused(foreign)).resolves.toBeInstanceOf(Error);
    const withoutOrigin = openSocket({ cookie, origin: null });
    await expect(refused(withoutOrigin)).resolves.toBeInstanceOf(Error);
    const crossSitePolling = openSocket({
      cookie,
      origin: null,
      transport: "polling",
      headers: { "sec-fetch-site": "cross-site" },
    });
    await expect(refused(crossSitePolling)).resolves.toBeInstanceOf(Error);
  });

  it("accepts the long-polling fallback from our own pages, which browsers send without an Origin", async () => {
    const { person } = await createMember();
    const socket = openSocket({
      cookie: await signIn(person),
      origin: null,
      transport: "polling",
      headers: { "sec-fetch-site": "same-origin" },
    });
    await expect(connected(socket)).resolves.toBe(socket);
  });

  it("refuses the cookie of a deleted session", async () => {
    const { person } = await createMember();
    const cookie = await signIn(person);
    await db().session.deleteMany({ where: { userId: person.id } });
    const error = await refused(openSocket({ cookie }));
    expect(error.message).toBe("unauthorised");
  });
});

describe("live changes of a space", () => {
  const watch = (socket: Socket, spaceId: string) =>
    socket.timeout(eventTimeoutMs).emitWithAck("space:watch", { spaceId }) as Promise<
      Ack<{ spaceId: string }>
    >;
  const publishFrom = (
    client: Browserless,
    spaceId: string,
    title: string,
    headers: Record<string, string>,
  ) => {
    const body = new FormData();
    for (const [name, value] of Object.entries({ kind: "announcement", title, body: "", linkUrl: "" }))
      body.append(name, value);
    return client.postBody(`/spaces/${spaceId}/updates`, body, headers);
  };

  it("say what changed, skip the socket of the tab that made the change, and notify after the commit", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const cookie = convener.cookieHeader();
    const [publishingTab, otherTab] = [
      await connected(openSocket({ cookie })),
      await connected(openSocket({ cookie })),
    ];
    const participantSocket = await connectAs(admin);
    for (const socket of [publishingTab, otherTab, participantSocket])
      expect(await watch(socket, space.id)).toMatchObject({ ok: true });

    const publishingTabHearsNothing = noEvent(publishingTab, "space:changed");
    const otherTabHears = nextEvent(otherTab, "space:changed");
    const participantHears = nextEvent(participantSocket, "space:changed");
    const participantNotified = nextEvent(participantSocket, "notification:new");
    const published = await publishFrom(convener, space.id, "From the first tab", {
      "X-Concord-Socket": publishingTab.id!,
    });
    expect(published.status).toBe(302);
    // Written by the time the action answers, though outside its transaction.
    const [notification] = await db().notification.findMany({ where: { personId: admin.id } });
    expect(notification).toMatchObject({
      spaceId: space.id,
      message: "notifications.messages.updatePublished",
      link: `/spaces/${space.id}/updates`,
      readAt: null,
    });
    expect(JSON.parse(notification!.values)).toMatchObject({ title: "From the first tab" });
    expect(notification!.createdAt).toBeInstanceOf(Date);
    expect(notification!.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await otherTabHears).toEqual({ spaceId: space.id, what: "update" });
    expect(await participantHears).toEqual({ spaceId: space.id, what: "update" });
    await participantNotified;
    await publishingTabHearsNothing;

    // A header that names no socket skips nobody.
    const everyTabHears = [publishingTab, otherTab].map((socket) => nextEvent(socket, "space:changed"));
    const again = await publishFrom(convener, space.id, "With a made-up socket", {
      "X-Concord-Socket": "not a socket id",
    });
    expect(again.status).toBe(302);
    await Promise.all(everyTabHears);
  });
});

describe("presence", () => {
  it("tells the organisation's other members who came online and who left, one person each, and nobody else", async () => {
    const { organisation, person: first } = await createMember();
    const colleague = (await createMember()).person;
    await addMember(colleague.id, organisation.id);
    const { person: outsider } = await createMember();

    const colleagueSocket = await connectAs(colleague);
    const outsiderSocket = await connectAs(outsider);
    const colleagueHears = nextEvent(colleagueSocket, "presence:joined", joined(organisation.id));
    const outsiderHearsNothing = noEvent(outsiderSocket, "presence:joined", joined(organisation.id));

    const firstSocket = await connectAs(first);
    expect(await colleagueHears).toEqual({
      organisationId: organisation.id,
      person: { personId: first.id, name: first.name },
    });
    await outsiderHearsNothing;
    // The one who came asks for the list, as the page does on every connection.
    const list = await listPresence(firstSocket, { organisationId: organisation.id });
    expect(list.ok && [...list.data.online].sort((a, b) => a.personId.localeCompare(b.personId))).toEqual(
      [
        { personId: first.id, name: first.name },
        { personId: colleague.id, name: colleague.name },
      ].sort((a, b) => a.personId.localeCompare(b.personId)),
    );
    expect(await listPresence(outsiderSocket, { organisationId: organisation.id })).toEqual({
      ok: false,
      error: "not-found",
    });

    const leaving = nextEvent(colleagueSocket, "presence:left", left(organisation.id));
    const outsiderHearsNoLeaving = noEvent(outsiderSocket, "presence:left", left(organisation.id));
    firstSocket.disconnect();
    expect(await leaving).toEqual({ organisationId: organisation.id, personId: first.id });
    await outsiderHearsNoLeaving;
  });

  it("announces nothing to a person's own sockets and nothing about another tab: joins on the first, leaves after the last", async () => {
    const { organisation, person } = await createMember();
    const colleague = (await createMember()).person;
    await addMember(colleague.id, organisation.id);
    const colleagueSocket = await connectAs(colleague);
    const heard = eventPackets(colleagueSocket);
    const cookie = await signIn(person);

    const firstTab = await connected(openSocket({ cookie }));
    await nextEvent(colleagueSocket, "presence:joined", joined(organisation.id, person.id));
    const firstTabHeard = eventPackets(firstTab);
    const secondTab = await connected(openSocket({ cookie }));
    await noEvent(colleagueSocket, "presence:joined", joined(organisation.id, person.id));
    secondTab.disconnect();
    await noEvent(colleagueSocket, "presence:left", left(organisation.id, person.id));
    firstTab.disconnect();
    await nextEvent(colleagueSocket, "presence:left", left(organisation.id, person.id));

    expect(heard).toEqual([
      [
        "presence:joined",
        { organisationId: organisation.id, person: { personId: person.id, name: person.name } },
      ],
      ["presence:left", { organisationId: organisation.id, personId: person.id }],
    ]);
    expect(firstTabHeard).toEqual([]);
  });

  it("lists a person once however many tabs they have open", async () => {
    const { organisation, person } = await createMember();
    const cookie = await signIn(person);
    const one = await connected(openSocket({ cookie }));
    await connected(openSocket({ cookie }));
    const list = await listPresence(one, { organisationId: organisation.id });
    expect(list).toEqual({
      ok: true,
      data: { organisationId: organisation.id, online: [{ personId: person.id, name: person.name }] },
    });
  });

  it("answers a malformed presence:list with invalid-payload and keeps serving", async () => {
    const { organisation, person } = await createMember();
    const socket = await connectAs(person);
    const malformed: unknown[] = [
      {},
      { organisationId: organisation.id, extra: "key" },
      { organisationId: 42 },
      { organisationId: "x".repeat(65) },
      { organisationId: "" },
      null,
      "organisation",
    ];
    for (const payload of malformed) {
      expect(await listPresence(socket, payload), JSON.stringify(payload)).toEqual({
        ok: false,
        error: "invalid-payload",
      });
    }
    expect(socket.connected).toBe(true);
    const valid = await listPresence(socket, { organisationId: organisation.id });
    expect(valid).toMatchObject({ ok: true, data: { organisationId: organisation.id } });
    // The server process is still serving pages as well.
    expect((await fetch(new URL("/healthz", server.origin))).status).toBe(200);
  });

  it("answers not-found for an organisation the person is not in, or that is not verified", async () => {
    const { person } = await createMember();
    const other = await createOrganisation();
    const { organisation: pending, person: pendingMember } = await createMember({
      organisation: { verificationStatus: "pending" },
    });
    const socket = await connectAs(person);
    expect(await listPresence(socket, { organisationId: other.id })).toEqual({
      ok: false,
      error: "not-found",
    });
    const pendingSocket = await connectAs(pendingMember);
    expect(await listPresence(pendingSocket, { organisationId: pending.id })).toEqual({
      ok: false,
      error: "not-found",
    });
  });
});

describe("rate limits", () => {
  it("answers events beyond 20 a second with rate-limited and stays usable", async () => {
    const { organisation, person } = await createMember();
    const socket = await connectAs(person);
    const payload = { organisationId: organisation.id };
    const results = await Promise.all(Array.from({ length: 30 }, () => listPresence(socket, payload)));
    const limited = results.filter((result) => !result.ok && result.error === "rate-limited");
    const served = results.filter((result) => result.ok);
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThanOrEqual(20);
    expect(limited.length).toBe(30 - served.length);
    expect(socket.connected).toBe(true);

    // The window is one second: within a bounded number of tries the socket is served again.
    let again: Ack<PresencePayload> | undefined;
    for (let attempt = 0; attempt < 20 && !again?.ok; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      again = await listPresence(socket, payload);
    }
    expect(again).toMatchObject({ ok: true, data: { organisationId: organisation.id } });
    expect(socket.connected).toBe(true);
  });
});

/** One person signed in on a phone and on a laptop, each with its socket open. */
async function phoneAndLaptop() {
  const { person } = await createMember();
  const phone = new Browserless(server.origin);
  await phone.signIn(person.email, defaultTestPassword);
  const laptop = new Browserless(server.origin);
  await laptop.signIn(person.email, defaultTestPassword);
  const phoneSocket = await connected(openSocket({ cookie: phone.cookieHeader() }));
  const laptopSocket = await connected(openSocket({ cookie: laptop.cookieHeader() }));
  return { person, phone, laptop, phoneSocket, laptopSocket };
}

describe("domain events", () => {
  it("ends the sockets of a session revoked from another device, and only those", async () => {
    const { phone, laptop, phoneSocket, laptopSocket } = await phoneAndLaptop();

    const ended = nextEvent(phoneSocket, "session:ended");
    const disconnected = nextEvent<string>(phoneSocket, "disconnect");
    const laptopStays = noEvent(laptopSocket, "session:ended");
    const response = await laptop.post("/settings/sessions", { sessionId: handleOf(phone) });
    expect(response.status).toBe(302);

    await ended;
    // A namespace disconnect from the server: the client does not try to reconnect with the dead session.
    expect(await disconnected).toBe("io server disconnect");
    expect(phoneSocket.connected).toBe(false);
    await laptopStays;
    expect(laptopSocket.connected).toBe(true);
  });

  it("keeps the sockets of the device that changed the password, under its new session", async () => {
    const { person, phone, laptop, phoneSocket, laptopSocket } = await phoneAndLaptop();

    const phoneEnded = nextEvent(phoneSocket, "session:ended");
    const laptopStays = noEvent(laptopSocket, "session:ended");
    const newPassword = "a quiet river under the old bridge";
    const changed = await laptop.post("/settings/password", {
      currentPassword: defaultTestPassword,
      newPassword,
      confirmPassword: newPassword,
    });
    expect(changed.status).toBe(302);
    await phoneEnded;
    await laptopStays;
    expect(laptopSocket.connected).toBe(true);

    // Signing the laptop's new session out from elsewhere still reaches the socket it opened before.
    const laptopEnded = nextEvent(laptopSocket, "session:ended");
    await phone.signIn(person.email, newPassword);
    expect((await phone.post("/settings/sessions", { sessionId: handleOf(laptop) })).status).toBe(302);
    await laptopEnded;
  });

  it("moves a person's open sockets into an organisation they joined, and out when they leave", async () => {
    const { person } = await createMember();
    const { organisation, person: member } = await createMember();
    const socket = await connectAs(person);
    const memberSocket = await connectAs(member);
    expect(await listPresence(socket, { organisationId: organisation.id })).toEqual({
      ok: false,
      error: "not-found",
    });

    // The member hears the person join; the person's own page hears it too, and asks for the list.
    const memberHears = nextEvent(memberSocket, "presence:joined", joined(organisation.id, person.id));
    const personHears = nextEvent(socket, "presence:joined", joined(organisation.id, person.id));
    await addMember(person.id, organisation.id);
    domainEvents().emit("membership.changed", { organisationId: organisation.id, personId: person.id });
    await memberHears;
    await personHears;
    const list = await listPresence(socket, { organisationId: organisation.id });
    expect(list.ok && list.data.online.some((online) => online.personId === member.id)).toBe(true);

    const memberHearsLeaving = nextEvent(memberSocket, "presence:left", left(organisation.id, person.id));
    const personHearsLeaving = nextEvent(socket, "presence:left", left(organisation.id, person.id));
    await db().membership.deleteMany({ where: { personId: person.id, organisationId: organisation.id } });
    domainEvents().emit("membership.changed", { organisationId: organisation.id, personId: person.id });
    await memberHearsLeaving;
    await personHearsLeaving;
    expect(await listPresence(socket, { organisationId: organisation.id })).toEqual({
      ok: false,
      error: "not-found",
    });
  });

  it("lets the members of an organisation see presence once it is verified", async () => {
    const { organisation, person } = await createMember({ organisation: { verificationStatus: "pending" } });
    const socket = await connectAs(person);
    const hears = nextEvent(socket, "presence:joined", joined(organisation.id, person.id));
    await db().organisation.update({
      where: { id: organisation.id },
      data: { verificationStatus: "verified", verifiedAt: new Date() },
    });
    domainEvents().emit("organisation.verification-changed", {
      organisationId: organisation.id,
      status: "verified",
    });
    await hears;
    expect(await listPresence(socket, { organisationId: organisation.id })).toMatchObject({ ok: true });
  });
});

describe("the Online now list on the home page", () => {
  it("is rendered by the server with a note that live presence needs JavaScript, for verified organisations only", async () => {
    const { organisation, person } = await createMember({ organisation: { name: "Verified Partners" } });
    const pending = await createOrganisation({ name: "Pending Partners", verificationStatus: "pending" });
    await addMember(person.id, pending.id);
    const client = new Browserless(server.origin);
    await client.signIn(person.email, defaultTestPassword);
    const html = await (await client.get("/")).text();
    const cards = html.split('<li class="card">').slice(1);
    const verifiedCard = cards.find((card) => card.includes(organisation.name))!;
    const pendingCard = cards.find((card) => card.includes(pending.name))!;
    expect(verifiedCard).toContain("Online now");
    expect(verifiedCard).toContain('aria-live="polite"');
    expect(verifiedCard).toContain("Live presence needs JavaScript");
    expect(pendingCard).not.toContain("Online now");
  });
});
