import type { Server as HttpServer, IncomingMessage } from "node:http";
import { Server, type Socket } from "socket.io";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { actorForPerson, loadActor, sessionIdFromCookieHeader } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import {
  clientEventSchemas,
  maxSocketMessageBytes,
  rooms,
  type Ack,
  type ClientToServerEvents,
  type OnlinePerson,
  type PresencePayload,
  type ServerToClientEvents,
  type SocketData,
} from "~/realtime/contract";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { db } from "~/utils/db.server";
import { allowedOrigins } from "~/utils/env.server";
import { domainEvents } from "~/utils/events.server";
import type { Logger } from "./logger";

type ConcordIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ConcordSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type Realtime = { io: ConcordIo; close: () => Promise<void> };

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

export function attachRealtime(httpServer: HttpServer, logger: Logger): Realtime {
  const io: ConcordIo = new Server(httpServer, {
    maxHttpBufferSize: maxSocketMessageBytes,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, isFromOwnPages(req)),
  });
  const eventLimiter = new RateLimiterMemory({ keyPrefix: "socket-events", points: 20, duration: 1 });

  io.use(async (socket, next) => {
    try {
      const signedIn = await loadActor(sessionIdFromCookieHeader(socket.handshake.headers.cookie));
      if (!signedIn) return next(new Error("unauthorised"));
      const { actor } = signedIn;
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

  async function announcePresence(organisationId: string) {
    const payload: PresencePayload = { organisationId, online: await onlineIn(organisationId) };
    io.to(rooms.organisation(organisationId)).emit("presence:changed", payload);
  }

  io.on("connection", (socket: ConcordSocket) => {
    const { personId, joinOnConnect } = socket.data;
    socket.join([rooms.person(personId), ...joinOnConnect.map(rooms.organisation)]);
    for (const organisationId of joinOnConnect)
      inBackground(announcePresence(organisationId), "announcing presence");

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

    socket.on("disconnecting", () => {
      const left = [...socket.rooms].filter((room) => room.startsWith("organisation:"));
      // The socket is still in its rooms while disconnecting: announce once it has left them.
      setImmediate(() => {
        for (const room of left)
          inBackground(announcePresence(room.slice("organisation:".length)), "announcing presence");
      });
    });
  });

  const unsubscribers = [
    domainEvents().on("session.revoked", ({ personId, sessionIds }) => {
      // Only this person's sockets can hold these sessions: no need to go through every socket.
      inBackground(
        io
          .in(rooms.person(personId))
          .fetchSockets()
          .then((sockets) => {
            for (const socket of sockets) {
              if (!sessionIds.includes(socket.data.sessionId)) continue;
              socket.emit("session:ended");
              // A namespace disconnect is queued behind "session:ended" on the same transport and tells
              // the client not to reconnect (closing the transport would make it retry).
              socket.disconnect();
            }
          }),
        "ending the sockets of revoked sessions",
      );
    }),
    domainEvents().on("space.changed", ({ spaceId, what }) => {
      io.to(rooms.space(spaceId)).emit("space:changed", { spaceId, what });
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
    io.in(personRoom).socketsLeave([...changed].filter((room) => !allowed.has(room)));
    io.in(personRoom).socketsJoin([...allowed]);
    for (const room of changed) await announcePresence(room.slice("organisation:".length));
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
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
