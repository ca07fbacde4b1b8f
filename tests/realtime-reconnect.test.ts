import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ack, PresenceJoined, PresencePayload } from "~/realtime/contract";
import { db } from "~/utils/db.server";
import { domainEvents } from "~/utils/events.server";
import { addMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { publishUpdateAs as publish } from "./update-factories";
import { connected, eventTimeoutMs, nextEvent, noEvent, refused, socketClients } from "./support/sockets";

/*
 * A page whose connection drops while its space changes must not miss what happened. socket.io's connection
 * state recovery keeps a dropped connection's rooms and the events sent to them for a window: a connection
 * that comes back within it is resumed and the missed events are replayed (the fast path); one that comes
 * back later, or to a restarted server, is a new connection, and the page revalidates its loaders.
 *
 * The case — a drop of 40 s while three updates were published — is a gap inside the default
 * two-minute window; the tests keep the wall-clock short by cutting the connection's transport and bringing
 * it back when they choose, with a window short enough to outlast where they need "too late".
 */

let server: TestServer;
const sockets = socketClients(() => server);
const { signIn, connectAs } = sockets;
afterEach(() => sockets.closeAll());

type SpaceChanged = { spaceId: string; what: string };

const watch = (socket: Socket, spaceId: string) =>
  socket.timeout(eventTimeoutMs).emitWithAck("space:watch", { spaceId }) as Promise<Ack<{ spaceId: string }>>;

const listPresence = (socket: Socket, organisationId: string) =>
  socket.timeout(eventTimeoutMs).emitWithAck("presence:list", { organisationId }) as Promise<
    Ack<PresencePayload>
  >;

/** Everything `event` brings from now on (its first argument). */
function collect<T>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

/** Every event packet the connection receives from now on, even those the client never hands to listeners. */
function eventPackets(socket: Socket): unknown[] {
  const received: unknown[] = [];
  socket.io.on("packet", (packet: { type: number; data?: unknown }) => {
    if (packet.type === 2) received.push(packet.data);
  });
  return received;
}

/** Cuts the connection under the socket, as a network drop does, and waits until the server has let it go. */
async function cut(socket: Socket) {
  const id = socket.id!;
  const dropped = nextEvent(socket, "disconnect");
  socket.io.engine.close();
  await dropped;
  await expect.poll(() => server.realtime.io.of("/").sockets.has(id)).toBe(false);
}

/**
 * A convened space with an INFORM participant, whose admin (the reader) has a socket watching the space, and a
 * colleague in the same organisation. The socket has had one update live: only from then on does the client
 * hold an offset to resume from.
 */
async function readerWatching() {
  const { space, focalPoint } = await createConvenedSpace();
  const { organisation, admin: reader } = await createParticipantOrganisation(space.id, "INFORM");
  const colleague = await createPerson();
  await addMember(colleague.id, organisation.id, { role: "member" });
  const socket = await connectAs(reader);
  expect(await watch(socket, space.id)).toEqual({ ok: true, data: { spaceId: space.id } });
  const arrives = nextEvent<SpaceChanged>(socket, "space:changed");
  await publish(focalPoint.id, space.id, "Before the drop");
  expect(await arrives).toEqual({ spaceId: space.id, what: "update" });
  return { space, focalPoint, organisation, reader, colleague, socket };
}

/** Reconnects the socket and expects it refused, without a single event having come over the connection. */
async function expectRefusedWithNothingSent(socket: Socket) {
  const packets = eventPackets(socket);
  socket.connect();
  expect((await refused(socket)).message).toBe("unauthorised");
  // Whatever the server wrote before its refusal has arrived by now.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(packets).toEqual([]);
}

const threeTitles = ["First while away", "Second while away", "Third while away"];

const online = (personId: string) => (payload: PresenceJoined) => payload.person.personId === personId;

describe("a connection that comes back within the recovery window", () => {
  beforeAll(async () => {
    server = await startTestServer({ recoveryWindowMs: 2 * 60_000 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("gets the three updates published while it was away (a 40-second drop) and is still in its rooms", async () => {
    const { space, focalPoint, organisation, reader, colleague, socket } = await readerWatching();
    const colleagueSocket = await connectAs(colleague);

    await cut(socket);
    for (const title of threeTitles) await publish(focalPoint.id, space.id, title);

    const changes = collect<SpaceChanged>(socket, "space:changed");
    const notifications = collect<unknown>(socket, "notification:new");
    const colleagueSeesReturn = nextEvent(colleagueSocket, "presence:joined", online(reader.id));
    socket.connect();
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await expect.poll(() => changes.length).toBe(3);
    expect(changes).toEqual(threeTitles.map(() => ({ spaceId: space.id, what: "update" })));
    await expect.poll(() => notifications.length).toBe(3);
    await noEvent(socket, "space:changed");
    expect(changes).toHaveLength(3);

    // Its rooms came back with it: the colleague sees the reader online again, and the next update arrives
    // without the page asking to watch the space again.
    await colleagueSeesReturn;
    expect(await listPresence(socket, organisation.id)).toMatchObject({ ok: true });
    const next = nextEvent<SpaceChanged>(socket, "space:changed");
    await publish(focalPoint.id, space.id, "After the return");
    expect(await next).toEqual({ spaceId: space.id, what: "update" });
  });

  it("is refused, and sent nothing it missed, when its session ended while it was away", async () => {
    const { space, focalPoint, reader, socket } = await readerWatching();
    await cut(socket);
    await db().session.deleteMany({ where: { userId: reader.id } });
    await publish(focalPoint.id, space.id, threeTitles[0]!);
    await expectRefusedWithNothingSent(socket);
  });

  it("is refused when the browser has since signed in as someone else", async () => {
    const { space, focalPoint, colleague, socket } = await readerWatching();
    await cut(socket);
    await publish(focalPoint.id, space.id, threeTitles[0]!);
    socket.io.opts.extraHeaders!.cookie = await signIn(colleague);
    await expectRefusedWithNothingSent(socket);
  });

  it("is not put back in the rooms of a space or organisation it lost while away", async () => {
    const { space, focalPoint, organisation, reader, colleague, socket } = await readerWatching();
    const colleagueSocket = await connectAs(colleague);

    await cut(socket);
    // The convener removes the reader's organisation from the space, and the reader leaves the organisation.
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const removed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "remove",
      organisationId: organisation.id,
      rationale: "Removed while the reader was away.",
    });
    expect(removed.status).toBe(302);
    await db().membership.deleteMany({ where: { personId: reader.id, organisationId: organisation.id } });
    domainEvents().emit("membership.changed", { organisationId: organisation.id, personId: reader.id });

    const changes = collect<SpaceChanged>(socket, "space:changed");
    const colleagueStaysAlone = noEvent(colleagueSocket, "presence:joined", online(reader.id));
    socket.connect();
    await connected(socket);
    expect(socket.recovered).toBe(true);
    // The open page is told its standing changed, so it revalidates and finds the space gone.
    await expect.poll(() => changes).toEqual([{ spaceId: space.id, what: "participation" }]);
    await colleagueStaysAlone;
    expect(await listPresence(socket, organisation.id)).toEqual({ ok: false, error: "not-found" });
    const nothingMore = noEvent(socket, "space:changed");
    await publish(focalPoint.id, space.id, "After the removal");
    await nothingMore;
  });
});

describe("a connection that comes back after the recovery window", () => {
  const windowMs = 1_000;
  beforeAll(async () => {
    server = await startTestServer({ recoveryWindowMs: windowMs });
  });
  afterAll(async () => {
    await server.close();
  });

  it("is a new connection: nothing is replayed, the page's loaders have all three updates, and it watches again", async () => {
    const { space, focalPoint, organisation, reader, colleague, socket } = await readerWatching();
    const reading = await Browserless.signedIn(server.origin, reader.email);
    const colleagueSocket = await connectAs(colleague);

    await cut(socket);
    const droppedAt = Date.now();
    for (const title of threeTitles) await publish(focalPoint.id, space.id, title);
    await new Promise((resolve) => setTimeout(resolve, windowMs + 500 - (Date.now() - droppedAt)));

    const packets = eventPackets(socket);
    const colleagueSeesReturn = nextEvent(colleagueSocket, "presence:joined", online(reader.id));
    socket.connect();
    await connected(socket);
    // Not recovered: the client revalidates every loader on the page (app/realtime/use-catch-up.ts) ...
    expect(socket.recovered).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(packets.filter((data) => Array.isArray(data) && !String(data[0]).startsWith("presence:"))).toEqual(
      [],
    );
    // ... and what they read holds everything published while it was away, the header's count included.
    const updates = await (await reading.get(`/spaces/${space.id}/updates`)).text();
    for (const title of threeTitles) expect(updates).toContain(title);
    expect(updates).toContain("Notifications (4)");

    // Its organisation's room is joined again as on any connection; the space's is, once the page watches it.
    await colleagueSeesReturn;
    expect(await watch(socket, space.id)).toEqual({ ok: true, data: { spaceId: space.id } });
    const next = nextEvent<SpaceChanged>(socket, "space:changed");
    await publish(focalPoint.id, space.id, "After the return");
    expect(await next).toEqual({ spaceId: space.id, what: "update" });
    expect(await listPresence(socket, organisation.id)).toMatchObject({ ok: true });
  });
});
