import type { Server, Socket } from "socket.io";
import { actorForPerson } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { readConsultationResource } from "~/modules/consultations/access.server";
import {
  clientEventSchemas,
  rooms,
  type Ack,
  type ClientToServerEvents,
  type DraftEditor,
  type DraftRef,
  type ServerToClientEvents,
  type SocketData,
} from "~/realtime/contract";
import { db } from "~/utils/db.server";
import { domainEvents } from "~/utils/events.server";
import type { Logger } from "./logger";

type ConcordIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ConcordSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Shared drafts, live (ADR 0026): a draft's room holds the sockets of the people editing it — admitted through
 * can(actor, "consultation.draft", …) for that organisation, as the save itself is — who are told when a
 * colleague's save changed it, and who is editing it now and on which question. Where someone is lives in
 * their socket's data, so it is gone with the socket: nothing to expire, in every process alike.
 */
export function attachDraftRooms(io: ConcordIo, logger: Logger) {
  async function mayDraft(personId: string, draft: DraftRef) {
    const actor = await actorForPerson(personId);
    if (!actor) return false;
    const consultation = await readConsultationResource(actor, draft.consultationId);
    return (
      consultation !== null &&
      can(actor, "consultation.draft", { ...consultation, organisationId: draft.organisationId })
    );
  }

  async function editorsOf(room: string): Promise<DraftEditor[]> {
    const sockets = await io.in(room).fetchSockets();
    return sockets
      .map((socket) => ({
        socketId: socket.id,
        personId: socket.data.personId,
        name: socket.data.name,
        questionId: socket.data.drafting?.[room] ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.socketId.localeCompare(b.socketId));
  }

  async function announce(draft: DraftRef) {
    const room = rooms.draft(draft);
    io.to(room).emit("draft:editors", { ...draft, editors: await editorsOf(room) });
  }

  function inBackground(work: Promise<unknown>, what: string) {
    work.catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
  }

  const refOf = ({ consultationId, organisationId, aggregated }: DraftRef): DraftRef => ({
    consultationId,
    organisationId,
    aggregated,
  });

  function onConnection(socket: ConcordSocket) {
    socket.on("draft:watch", async (payload, ack) => {
      if (typeof ack !== "function") return;
      const parsed = clientEventSchemas["draft:watch"].safeParse(payload);
      if (!parsed.success) return ack({ ok: false, error: "invalid-payload" } satisfies Ack<never>);
      const draft = refOf(parsed.data);
      try {
        if (!(await mayDraft(socket.data.personId, draft))) return ack({ ok: false, error: "not-found" });
        const room = rooms.draft(draft);
        socket.data.drafting = { ...socket.data.drafting, [room]: parsed.data.questionId };
        socket.join(room);
        ack({ ok: true, data: { editors: await editorsOf(room) } });
        await announce(draft);
      } catch (error) {
        logger.error({ err: error }, "watching a draft failed");
      }
    });

    socket.on("draft:focus", (payload) => {
      const parsed = clientEventSchemas["draft:focus"].safeParse(payload);
      if (!parsed.success) return;
      const draft = refOf(parsed.data);
      const room = rooms.draft(draft);
      // Only in a draft this socket was admitted to.
      if (!socket.rooms.has(room)) return;
      socket.data.drafting = { ...socket.data.drafting, [room]: parsed.data.questionId };
      inBackground(announce(draft), "announcing a draft's editors");
    });

    socket.on("draft:leave", (payload) => {
      const parsed = clientEventSchemas["draft:leave"].safeParse(payload);
      if (!parsed.success) return;
      const draft = refOf(parsed.data);
      const room = rooms.draft(draft);
      if (!socket.rooms.has(room)) return;
      socket.leave(room);
      const { [room]: _left, ...rest } = socket.data.drafting ?? {};
      socket.data.drafting = rest;
      inBackground(announce(draft), "announcing a draft's editors");
    });

    socket.on("disconnecting", () => {
      const left = [...socket.rooms].filter((room) => room.startsWith("draft:"));
      setImmediate(() => {
        for (const room of left) {
          inBackground(announce(draftOfRoom(room)), "announcing a draft's editors");
        }
      });
    });
  }

  const draftOfRoom = (room: string): DraftRef => {
    const [, consultationId = "", organisationId = "", which] = room.split(":");
    return { consultationId, organisationId, aggregated: which === "aggregated" };
  };

  /** After a membership change: the person's sockets stay only in the drafts they may still write. */
  async function recheckPerson(personId: string, organisationId: string) {
    const sockets = await io.in(rooms.person(personId)).fetchSockets();
    const drafts = new Set(
      sockets.flatMap((socket) =>
        [...socket.rooms].filter(
          (room) => room.startsWith("draft:") && draftOfRoom(room).organisationId === organisationId,
        ),
      ),
    );
    for (const room of drafts) {
      const draft = draftOfRoom(room);
      if (await mayDraft(personId, draft)) continue;
      // Through the adapter, awaited: with Redis, io.in().socketsLeave() moves even this process's sockets only
      // once the move is published, and the announcement would still count them.
      const inPersonRoom = { rooms: new Set([rooms.person(personId)]), except: new Set<string>(), flags: {} };
      await Promise.resolve(io.of("/").adapter.delSockets(inPersonRoom, [room]));
      await announce(draft);
    }
  }

  const unsubscribers = [
    domainEvents().on("draft.changed", (change) => {
      const draft = refOf(change);
      io.to(rooms.draft(draft)).emit("draft:changed", { ...draft, draftRevision: change.draftRevision });
    }),
    domainEvents().on("membership.changed", ({ personId, organisationId }) =>
      inBackground(recheckPerson(personId, organisationId), "re-checking a person's drafts"),
    ),
    // A level lowered below CONSULT, or the organisation removed from the space: its members' drafts there.
    domainEvents().on("space.standing-changed", ({ organisationId }) =>
      inBackground(
        db()
          .membership.findMany({ where: { organisationId }, select: { personId: true } })
          .then(async (members) => {
            for (const { personId } of members) await recheckPerson(personId, organisationId);
          }),
        "re-checking an organisation's drafts",
      ),
    ),
  ];

  return {
    onConnection,
    close: () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
