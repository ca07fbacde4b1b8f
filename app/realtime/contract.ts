import { z } from "zod";

/**
 * Room names: one per organisation (its members' presence), one per person (their own sessions), one per session
 * (its sockets, in whichever process they are) and one per watched space.
 */
export const rooms = {
  organisation: (organisationId: string) => `organisation:${organisationId}`,
  person: (personId: string) => `person:${personId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  space: (spaceId: string) => `space:${spaceId}`,
};

export type SpaceChange =
  "space" | "participation" | "update" | "concern" | "level-request" | "consultation" | "plan";

export type OnlinePerson = { personId: string; name: string };
export type PresencePayload = { organisationId: string; online: OnlinePerson[] };

export type Ack<T> =
  { ok: true; data: T } | { ok: false; error: "invalid-payload" | "not-found" | "rate-limited" };

export const clientEventSchemas = {
  "presence:list": z.object({ organisationId: z.string().min(1).max(64) }).strict(),
  "space:watch": z.object({ spaceId: z.string().min(1).max(64) }).strict(),
};

export type ClientToServerEvents = {
  "presence:list": (
    payload: z.infer<(typeof clientEventSchemas)["presence:list"]>,
    ack: (result: Ack<PresencePayload>) => void,
  ) => void;
  /** Start receiving a space's live changes; refused (not-found) unless can(actor, "space.watch", space). */
  "space:watch": (
    payload: z.infer<(typeof clientEventSchemas)["space:watch"]>,
    ack: (result: Ack<{ spaceId: string }>) => void,
  ) => void;
};

/**
 * Every event tells the page that something changed, never what it now is: the page reads it again from its
 * loaders (or asks for the current state, as presence does). So an event that arrives twice costs a read,
 * and one replayed after a dropped connection is as good as live (server/realtime.ts, docs/decisions/0013).
 */
export type ServerToClientEvents = {
  /** Something in a watched space changed: the page applies it or revalidates its loader. */
  "space:changed": (payload: { spaceId: string; what: SpaceChange }) => void;
  /** The person has new in-app notifications. */
  "notification:new": () => void;
  "presence:changed": (payload: PresencePayload) => void;
  /** This socket's session ended (signed out elsewhere, revoked, password changed): the page should reload. */
  "session:ended": () => void;
};

export type SocketData = { personId: string; name: string; sessionId: string; joinOnConnect: string[] };

/** The smallest message allowed through; anything bigger is refused by the transport. */
export const maxSocketMessageBytes = 16 * 1024;
