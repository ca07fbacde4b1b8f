import type { Server as HttpServer } from "node:http";
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

export function attachRealtime(httpServer: HttpServer, logger: Logger): Realtime {
  const io: ConcordIo = new Server(httpServer, {
    maxHttpBufferSize: maxSocketMessageBytes,
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, typeof origin === "string" && allowedOrigins().includes(origin));
    },
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
    for (const organisationId of joinOnConnect) void announcePresence(organisationId);

    socket.use(([event], next) => {
      eventLimiter
        .consume(socket.id)
        .then(() => next())
        .catch(() => {
          logger.warn({ personId, event }, "socket event rate limited");
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
      ack({
        ok: true,
        data: {
          organisationId: parsed.data.organisationId,
          online: await onlineIn(parsed.data.organisationId),
        },
      });
    });

    socket.on("disconnecting", () => {
      const left = [...socket.rooms].filter((room) => room.startsWith("organisation:"));
      // The socket is still in its rooms while disconnecting: announce once it has left them.
      setImmediate(() => {
        for (const room of left) void announcePresence(room.slice("organisation:".length));
      });
    });
  });

  const unsubscribers = [
    domainEvents().on("session.revoked", ({ sessionIds }) => {
      void io.fetchSockets().then((sockets) => {
        for (const socket of sockets) {
          if (sessionIds.includes(socket.data.sessionId)) {
            socket.emit("session:ended");
            socket.disconnect(true);
          }
        }
      });
    }),
    domainEvents().on("membership.changed", ({ personId }) => void refreshPerson(personId)),
    domainEvents().on(
      "organisation.verification-changed",
      ({ organisationId }) => void refreshOrganisation(organisationId),
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
