import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server, type Socket } from "socket.io";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { actorForPerson, loadActor, sessionTokenFromCookieHeader } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import {
  clientEventSchemas,
  maxSocketMessageBytes,
  rooms,
  type Ack,
  type ClientToServerEvents,
  type DraftRef,
  type OnlinePerson,
  type ServerToClientEvents,
  type SocketData,
} from "~/realtime/contract";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { db } from "~/utils/db.server";
import { allowedOrigins } from "~/utils/env.server";
import { domainEvents } from "~/utils/events.server";
import type { Logger } from "./logger";
import { attachDraftRooms } from "./realtime-drafts";
import { channelRealtime } from "./channels-realtime";
import { socketAdapterOption } from "./shared-state";

type ConcordIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ConcordSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type Adapter = ConcordIo["sockets"]["adapter"];
/** What socket.io keeps of a dropped connection: its id, rooms and data, and the events sent to them since. */
type RecoverableSession = Awaited<ReturnType<Adapter["restoreSession"]>>;

/** socket.io-parser's PacketType.EVENT, the packet of an emitted event. */
const eventPacketType = 2;

export type Realtime = { io: ConcordIo; close: () => Promise<void> };

export type RealtimeOptions = {
  /** How long a dropped connection's rooms and the events it missed are kept for it to pick up again. */
  recoveryWindowMs?: number;
};

function organisationRoomsFor(actor: Actor): string[] {
  return actor.memberships
    .filter((membership) =>
      can(actor, "organisation.see-presence", {
        id: membership.organisationId,
        verificationStatus: membership.organisationStatus,
      }),
    )
    .map((membership) => membership.organisationId);
}

/**
 * Only our own pages may open a connection (a foreign page could otherwise ride on the session cookie).
 * Browsers send Origin with every WebSocket handshake and cross-origin request, but not with a same-origin
 * GET, which is what socket.io's long-polling fallback sends: there, Sec-Fetch-Site says where it came from.
 */
function isFromOwnPages(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (typeof origin === "string") return allowedOrigins().includes(origin);
  return req.headers["sec-fetch-site"] === "same-origin";
}

/**
 * socket.io writes the events a resumed connection missed as soon as it rebuilds the socket, before any
 * middleware has checked the session, and broadcasts sent while the middleware runs never reach it. So the
 * adapter hands socket.io the session without them, and resume() reads them again once the checks passed:
 * everything sent since the connection's last event, possibly one it has also had live (every event only
 * asks the page to revalidate, so a repeat is harmless, a gap is not).
 */
function holdMissedEventsBack(adapter: Adapter) {
  const original = adapter.restoreSession.bind(adapter);
  // Null once the connection's state is gone (the window closed, or the server restarted): the in-process
  // adapter answers null, despite its types, the Redis one rejects.
  const restore = (pid: string, offset: string): Promise<RecoverableSession | null> =>
    Promise.resolve(original(pid, offset)).catch(() => null);
  adapter.restoreSession = (async (pid: string, offset: string) => {
    const session = await restore(pid, offset);
    if (!session) return null;
    const { missedPackets: _held, ...kept } = session;
    // The Redis adapter hands a session out once: kept again, resume() can read it after the checks.
    await Promise.resolve(adapter.persistSession(kept));
    return { ...session, missedPackets: [] };
  }) as Adapter["restoreSession"];
  return restore;
}

/** Whether a missed event still concerns the resumed socket, in the rooms it has now. */
function isStillFor(
  socket: ConcordSocket,
  packet: unknown[],
  channels: ReturnType<typeof channelRealtime>,
): boolean {
  const [event, payload] = packet as [keyof ServerToClientEvents, unknown];
  switch (event) {
    case "space:changed":
      return socket.rooms.has(rooms.space((payload as { spaceId: string }).spaceId));
    // The page asks for the whole list again on every connection: a missed change is in it.
    case "presence:joined":
    case "presence:left":
      return false;
    case "notification:new":
    case "session:ended":
      return true;
    // --- shared drafts (ADR 0026) ---
    case "draft:changed":
      return socket.rooms.has(rooms.draft(payload as DraftRef));
    // A state, like presence: the page asks again when it watches the draft again.
    case "draft:editors":
      return false;
    // --- end of shared drafts ---
    // --- channels (issue 11) ---
    case "channel:changed":
      return channels.isStillFor(socket, payload as { channelId: string });
  }
}

/** Sends a missed event as it was broadcast, its offset last, so the client resumes from it next time. */
function replay(socket: ConcordSocket, [event, ...args]: unknown[]) {
  (socket.emit as (event: unknown, ...args: unknown[]) => boolean)(event, ...args);
}

function leaveOrganisationsNotIn(socket: ConcordSocket, organisationIds: string[]) {
  const allowed = new Set(organisationIds.map(rooms.organisation));
  for (const room of [...socket.rooms])
    if (room.startsWith("organisation:") && !allowed.has(room)) socket.leave(room);
}

export function attachRealtime(
  httpServer: HttpServer,
  logger: Logger,
  { recoveryWindowMs = 2 * 60_000 }: RealtimeOptions = {},
): Realtime {
  const io: ConcordIo = new Server(httpServer, {
    maxHttpBufferSize: maxSocketMessageBytes,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, isFromOwnPages(req)),
    ...socketAdapterOption(),
    // A connection that drops and comes back within the window resumes: same socket, its rooms, and the events
    // it missed. The middleware below runs on every reconnection all the same (socket.io would skip it), so a
    // session that ended meanwhile is refused; see resume() for the rest (docs/decisions/0013).
    connectionStateRecovery: { maxDisconnectionDuration: recoveryWindowMs, skipMiddlewares: false },
  });
  const readMissedEvents = holdMissedEventsBack(io.of("/").adapter);
  // --- shared drafts (ADR 0026) ---
  const drafts = attachDraftRooms(io, logger);
  // --- end of shared drafts ---
  // --- channels (issue 11): their events and handlers live in server/channels-realtime.ts ---
  const channels = channelRealtime(io, logger);
  const eventLimiter = new RateLimiterMemory({ keyPrefix: "socket-events", points: 20, duration: 1 });

  io.use(async (socket, next) => {
    try {
      const signedIn = await loadActor(sessionTokenFromCookieHeader(socket.handshake.headers.cookie));
      // Someone who has not confirmed their address yet joins no room (ADR 0012).
      if (!signedIn?.emailConfirmed) return next(new Error("unauthorised"));
      const { actor } = signedIn;
      // A resumed socket comes back with the data of the session it was opened with: it resumes for that
      // session only, never for whoever the browser has signed in as since.
      // (A renewal moves a socket to its session's new room: socket.data cannot be edited from another process.)
      if (socket.recovered && !socket.rooms.has(rooms.session(actor.sessionId)))
        return next(new Error("unauthorised"));
      socket.data = {
        personId: actor.personId,
        name: actor.name,
        sessionId: actor.sessionId,
        joinOnConnect: organisationRoomsFor(actor),
      };
      next();
    } catch (error) {
      logger.error({ err: error }, "socket handshake failed");
      next(new Error("unavailable"));
    }
  });

  /** Runs work nobody awaits: a failure is logged instead of becoming an unhandled rejection (which ends the process). */
  function inBackground(work: Promise<unknown>, what: string) {
    work.catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
  }

  async function onlineIn(organisationId: string): Promise<OnlinePerson[]> {
    const sockets = await io.in(rooms.organisation(organisationId)).fetchSockets();
    const people = new Map<string, OnlinePerson>();
    for (const socket of sockets)
      people.set(socket.data.personId, { personId: socket.data.personId, name: socket.data.name });
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** This person's sockets (in every process) that are in the organisation's room. */
  function inOrganisation<T extends { rooms: Set<string> }>(sockets: T[], organisationId: string): T[] {
    return sockets.filter((socket) => socket.rooms.has(rooms.organisation(organisationId)));
  }

  /**
   * Announces a socket's person to the organisations it joined, but only from their first socket there (their
   * earliest, counted over every process, so two tabs opening at once on two processes cannot both stay
   * silent): a second tab changes nobody's list. The other members get one small event; the person's own
   * sockets already list them.
   */
  async function announceArrival(socket: ConcordSocket, organisationIds: string[]) {
    if (organisationIds.length === 0) return;
    const { personId, name } = socket.data;
    const mine = await io.in(rooms.person(personId)).fetchSockets();
    const issued = socket.handshake.issued;
    const earlier = (other: { id: string; handshake: { issued: number } }) =>
      other.handshake.issued < issued || (other.handshake.issued === issued && other.id < socket.id);
    for (const organisationId of organisationIds) {
      if (inOrganisation(mine, organisationId).some((other) => other.id !== socket.id && earlier(other)))
        continue;
      io.to(rooms.organisation(organisationId))
        .except(rooms.person(personId))
        .emit("presence:joined", { organisationId, person: { personId, name } });
    }
  }

  /** After a socket left: the organisations where it was its person's last socket hear that they left. */
  async function announceDeparture(personId: string, organisationIds: string[]) {
    if (organisationIds.length === 0) return;
    const remaining = await io.in(rooms.person(personId)).fetchSockets();
    for (const organisationId of organisationIds)
      if (inOrganisation(remaining, organisationId).length === 0)
        io.to(rooms.organisation(organisationId)).emit("presence:left", { organisationId, personId });
  }

  io.on("connection", (socket: ConcordSocket) => {
    const { personId, sessionId, joinOnConnect } = socket.data;
    if (socket.recovered) leaveOrganisationsNotIn(socket, joinOnConnect);
    socket.join([rooms.person(personId), rooms.session(sessionId), ...joinOnConnect.map(rooms.organisation)]);
    inBackground(announceArrival(socket, joinOnConnect), "announcing presence");

    socket.use((packet, next) => {
      eventLimiter
        .consume(socket.id)
        .then(() => next())
        .catch(() => {
          logger.warn({ personId, event: packet[0] }, "socket event rate limited");
          // An error from socket.use() only reaches this server-side socket's "error" listener, never the
          // client: answer the event's acknowledgement, so the client is not left waiting for it.
          const ack: unknown = packet[packet.length - 1];
          if (typeof ack === "function") ack({ ok: false, error: "rate-limited" } satisfies Ack<never>);
          next(new Error("rate-limited"));
        });
    });
    socket.on("error", () => undefined);
    drafts.onConnection(socket); // shared drafts (ADR 0026)

    socket.on("presence:list", async (payload, ack) => {
      if (typeof ack !== "function") return;
      const parsed = clientEventSchemas["presence:list"].safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: "invalid-payload" } satisfies Ack<never>);
      // Not a member (or the organisation is not verified): indistinguishable from an unknown id.
      if (!socket.rooms.has(rooms.organisation(parsed.data.organisationId)))
        return ack({ ok: false, error: "not-found" });
      const { organisationId } = parsed.data;
      try {
        ack({ ok: true, data: { organisationId, online: await onlineIn(organisationId) } });
      } catch (error) {
        // A rejected handler would be an unhandled rejection, which ends the process.
        logger.error({ err: error, organisationId }, "presence list failed");
      }
    });

    socket.on("space:watch", async (payload, ack) => {
      if (typeof ack !== "function") return;
      const parsed = clientEventSchemas["space:watch"].safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: "invalid-payload" } satisfies Ack<never>);
      const { spaceId } = parsed.data;
      try {
        if (!(await maySeeSpace(personId, spaceId))) return ack({ ok: false, error: "not-found" });
        socket.join(rooms.space(spaceId));
        ack({ ok: true, data: { spaceId } });
      } catch (error) {
        logger.error({ err: error, spaceId }, "watching a space failed");
      }
    });

    // --- channels (issue 11) ---
    channels.onConnection(socket);

    if (socket.recovered) inBackground(resume(socket), "resuming a connection");

    let leaving: string[] = [];
    socket.on("disconnecting", () => {
      leaving = [...socket.rooms]
        .filter((room) => room.startsWith("organisation:"))
        .map((room) => room.slice("organisation:".length));
    });
    // The socket is still in its rooms while disconnecting: announce once it has left them.
    socket.on("disconnect", () => inBackground(announceDeparture(personId, leaving), "announcing presence"));
  });

  const unsubscribers = [
    domainEvents().on("session.revoked", ({ sessionIds }) => {
      if (sessionIds.length > 0)
        inBackground(endSessions(sessionIds.map(rooms.session)), "ending the sockets of revoked sessions");
    }),
    domainEvents().on("session.renewed", ({ previousSessionId, sessionId }) => {
      // Rooms rather than socket.data: another process's sockets can be moved between rooms, not edited.
      io.in(rooms.session(previousSessionId)).socketsJoin(rooms.session(sessionId));
      io.in(rooms.session(sessionId)).socketsLeave(rooms.session(previousSessionId));
    }),
    domainEvents().on("space.changed", ({ spaceId, what, originSocketId }) => {
      io.to(rooms.space(spaceId))
        .except(originSocketId ?? [])
        .emit("space:changed", { spaceId, what });
    }),
    domainEvents().on("space.standing-changed", ({ spaceId }) =>
      inBackground(recheckSpaceWatchers(spaceId), "re-checking who may watch a space"),
    ),
    domainEvents().on("notification.created", ({ personIds }) => {
      if (personIds.length > 0) io.to(personIds.map(rooms.person)).emit("notification:new");
    }),
    domainEvents().on("membership.changed", ({ personId }) =>
      inBackground(refreshPerson(personId), "refreshing rooms after a membership change"),
    ),
    domainEvents().on("organisation.verification-changed", ({ organisationId }) =>
      inBackground(refreshOrganisation(organisationId), "refreshing rooms after a verification change"),
    ),
  ];

  /**
   * Sends "session:ended" to the sockets in these session rooms, in every process, then a namespace disconnect,
   * queued behind it on the same transport, which tells the client not to reconnect (closing the transport
   * would make it retry). Through the adapter, awaited: with Redis and connection state recovery an event
   * leaves only once it is written to the stream, and a disconnect sent straight after would overtake it.
   */
  async function endSessions(sessionRooms: string[]) {
    const { adapter } = io.of("/");
    const inSessions = { rooms: new Set(sessionRooms), except: new Set<string>(), flags: {} };
    const ended: { type: number; nsp: string; data: [keyof ServerToClientEvents] } = {
      type: eventPacketType,
      nsp: "/",
      data: ["session:ended"],
    };
    await Promise.resolve(adapter.broadcast(ended, inSessions));
    await Promise.resolve(adapter.disconnectSockets(inSessions, false));
  }

  /** Re-reads a person's memberships and moves their sockets into exactly the rooms can() now allows. */
  async function refreshPerson(personId: string) {
    const actor = await actorForPerson(personId);
    const allowed = new Set(actor ? organisationRoomsFor(actor).map(rooms.organisation) : []);
    const personRoom = rooms.person(personId);
    const sockets = await io.in(personRoom).fetchSockets();
    const changed = new Set<string>();
    for (const socket of sockets) {
      for (const room of socket.rooms)
        if (room.startsWith("organisation:") && !allowed.has(room)) changed.add(room);
      for (const room of allowed) if (!socket.rooms.has(room)) changed.add(room);
    }
    if (changed.size === 0) return;
    // Through the adapter, awaited: io.in().socketsJoin() does not wait, and with Redis even this process's
    // sockets move only once the move is published, so presence would be counted before it.
    const inPersonRoom = { rooms: new Set([personRoom]), except: new Set<string>(), flags: {} };
    const { adapter } = io.of("/");
    await Promise.resolve(
      adapter.delSockets(
        inPersonRoom,
        [...changed].filter((room) => !allowed.has(room)),
      ),
    );
    await Promise.resolve(adapter.addSockets(inPersonRoom, [...allowed]));
    // All of the person's sockets moved at once: they left, or joined, those organisations as a whole. Their
    // own sockets hear it too, so that their pages ask for the list they now see, or drop the one they lost.
    for (const room of changed) {
      const organisationId = room.slice("organisation:".length);
      const announced = io.to([room, personRoom]);
      if (!allowed.has(room)) announced.emit("presence:left", { organisationId, personId });
      else if (actor)
        announced.emit("presence:joined", { organisationId, person: { personId, name: actor.name } });
    }
  }

  /**
   * A resumed socket is back in the spaces it watched: it stays only in those it may still see (a page that
   * lost one is told, so it revalidates and finds it gone), then gets the events it missed in them.
   */
  async function resume(socket: ConcordSocket) {
    const watched = [...socket.rooms].filter((room) => room.startsWith("space:"));
    await Promise.all(
      watched.map(async (room) => {
        const spaceId = room.slice("space:".length);
        if (await maySeeSpace(socket.data.personId, spaceId)) return;
        socket.leave(room);
        socket.emit("space:changed", { spaceId, what: "participation" });
      }),
    );
    // --- channels (issue 11) ---
    await channels.keepAllowedRooms(socket);
    const { pid, offset } = socket.handshake.auth as { pid: string; offset: string };
    const session = await readMissedEvents(pid, offset);
    // Gone in the meantime (the window closed during the checks): start over as a new connection, which
    // the page answers by revalidating.
    if (!session) return socket.conn.close();
    for (const packet of session.missedPackets)
      if (isStillFor(socket, packet, channels)) replay(socket, packet);
  }

  async function maySeeSpace(personId: string, spaceId: string): Promise<boolean> {
    const actor = await actorForPerson(personId);
    if (!actor) return false;
    const space = await loadSpaceResource(actor, spaceId);
    return space !== null && can(actor, "space.watch", space);
  }

  /**
   * After a level change, a departure or a removal: every watcher of the space who may no longer see it
   * leaves its room at once, and is told so that their open page revalidates (and finds the space gone).
   */
  async function recheckSpaceWatchers(spaceId: string) {
    const room = rooms.space(spaceId);
    const watchers = new Set((await io.in(room).fetchSockets()).map((socket) => socket.data.personId));
    for (const personId of watchers) {
      if (await maySeeSpace(personId, spaceId)) continue;
      io.in(rooms.person(personId)).socketsLeave(room);
      io.to(rooms.person(personId)).emit("space:changed", { spaceId, what: "participation" });
    }
  }

  async function refreshOrganisation(organisationId: string) {
    const members = await db().membership.findMany({ where: { organisationId }, select: { personId: true } });
    for (const { personId } of members) await refreshPerson(personId);
  }

  return {
    io,
    close: async () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      drafts.close(); // shared drafts (ADR 0026)
      channels.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
