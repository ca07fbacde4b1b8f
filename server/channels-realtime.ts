import type { Server, Socket } from "socket.io";
import { actorForPerson } from "~/modules/auth/session.server";
import { channelFor, speakingFor } from "~/modules/channels/access.server";
import { markRead } from "~/modules/channels/mark-read.server";
import { postMessage } from "~/modules/channels/post-message.server";
import { eventsAfter } from "~/modules/channels/queries.server";
import { can } from "~/modules/authorization/can";
import {
  clientEventSchemas,
  rooms,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "~/realtime/contract";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { domainEvents } from "~/utils/events.server";
import type { Logger } from "./logger";

/*
 * The channels part of the realtime server (issue 11), kept apart from server/realtime.ts, which registers it.
 * A socket joins a channel's room only through can(actor, "space.read-channel", space); every request is
 * checked again (the person's standing may have changed since they joined). The room gets "channel:changed"
 * with the new event's number; the page catches up from the last event it applied, so no event is lost and
 * none is applied twice (docs/decisions/0027-channel-catch-up.md).
 */

type ConcordIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ConcordSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type Handler<E extends keyof typeof clientEventSchemas, T> = (
  data: ReturnType<(typeof clientEventSchemas)[E]["parse"]>,
) => Promise<Ack<T>>;

export function channelRealtime(io: ConcordIo, logger: Logger) {
  /** Parses, answers exactly once, and never lets a failure become an unhandled rejection. */
  function handle<E extends keyof typeof clientEventSchemas, T>(
    socket: ConcordSocket,
    event: E,
    handler: Handler<E, T>,
  ) {
    (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(
      event,
      (payload: unknown, ack: unknown) => {
        if (typeof ack !== "function") return;
        const answer = ack as (result: Ack<T>) => void;
        const parsed = clientEventSchemas[event].safeParse(payload);
        if (!parsed.success) return answer({ ok: false, error: "invalid-payload" });
        handler(parsed.data as never).then(answer, (error: unknown) => {
          if (error instanceof DomainError)
            return answer({ ok: false, error: "refused", message: error.messageKey });
          logger.error({ err: error, event }, "channel event failed");
          answer({ ok: false, error: "not-found" });
        });
      },
    );
  }

  async function actorOf(socket: ConcordSocket) {
    return actorForPerson(socket.data.personId);
  }

  function onConnection(socket: ConcordSocket) {
    handle(socket, "channel:join", async ({ channelId }) => {
      const actor = await actorOf(socket);
      const found = actor && (await channelFor(actor, channelId, "space.read-channel"));
      if (!found) return { ok: false, error: "not-found" };
      await socket.join(rooms.channel(channelId));
      const { lastEventSeq } = await db().channel.findUniqueOrThrow({
        where: { id: channelId },
        select: { lastEventSeq: true },
      });
      return { ok: true, data: { channelId, lastEventSeq } };
    });

    handle(socket, "channel:catch-up", async ({ channelId, after }) => {
      const actor = await actorOf(socket);
      const found = actor && (await channelFor(actor, channelId, "space.read-channel"));
      if (!found) return { ok: false, error: "not-found" };
      return { ok: true, data: await eventsAfter(channelId, after) };
    });

    handle(socket, "channel:send", async ({ channelId, clientKey, body, parentId }) => {
      const actor = await actorOf(socket);
      const found = actor && (await channelFor(actor, channelId, "space.post-message"));
      if (!actor || !found) return { ok: false, error: "not-found" };
      const organisationId = speakingFor(actor, found.space);
      if (!organisationId) return { ok: false, error: "not-found" };
      const result = await postMessage(actor, found.space, channelId, organisationId, {
        clientKey,
        body,
        parentId,
      });
      return { ok: true, data: result };
    });

    handle(socket, "channel:mark-read", async ({ channelId, seq }) => {
      const actor = await actorOf(socket);
      const found = actor && (await channelFor(actor, channelId, "space.read-channel"));
      if (!found) return { ok: false, error: "not-found" };
      await markRead(socket.data.personId, channelId, seq);
      return { ok: true, data: null };
    });
  }

  /** Whether a resumed socket should still get a missed channel event: only in a room it is still in. */
  function isStillFor(socket: ConcordSocket, payload: { channelId: string }) {
    return socket.rooms.has(rooms.channel(payload.channelId));
  }

  /** A resumed socket is back in the channel rooms it had: it keeps only those it may still read. */
  async function keepAllowedRooms(socket: ConcordSocket) {
    const joined = [...socket.rooms].filter((room) => room.startsWith("channel:"));
    if (joined.length === 0) return;
    const actor = await actorOf(socket);
    for (const room of joined) {
      const found = actor && (await channelFor(actor, room.slice("channel:".length), "space.read-channel"));
      if (!found) await socket.leave(room);
    }
  }

  /**
   * After a level change, a departure or a removal: everyone in the space's channel rooms who may no longer
   * read them leaves them at once, in every process.
   */
  async function recheckChannelReaders(spaceId: string) {
    const channels = await db().channel.findMany({ where: { spaceId }, select: { id: true } });
    const channelRooms = channels.map((channel) => rooms.channel(channel.id));
    if (channelRooms.length === 0) return;
    const readers = new Set((await io.in(channelRooms).fetchSockets()).map((socket) => socket.data.personId));
    for (const personId of readers) {
      const actor = await actorForPerson(personId);
      const space = actor ? await loadSpaceResource(actor, spaceId) : null;
      if (actor && space && can(actor, "space.read-channel", space)) continue;
      io.in(rooms.person(personId)).socketsLeave(channelRooms);
    }
  }

  const unsubscribers = [
    domainEvents().on("channel.changed", ({ channelId, seq }) => {
      io.to(rooms.channel(channelId)).emit("channel:changed", { channelId, seq });
    }),
    domainEvents().on("space.standing-changed", ({ spaceId }) => {
      recheckChannelReaders(spaceId).catch((error: unknown) =>
        logger.error({ err: error, spaceId }, "re-checking channel readers failed"),
      );
    }),
  ];

  return {
    onConnection,
    isStillFor,
    keepAllowedRooms,
    close: () => unsubscribers.forEach((unsubscribe) => unsubscribe()),
  };
}
