import { z } from "zod";

/** Room names: one per organisation (its members' presence) and one per person (their own sessions). */
export const rooms = {
  organisation: (organisationId: string) => `organisation:${organisationId}`,
  person: (personId: string) => `person:${personId}`,
};

export type OnlinePerson = { personId: string; name: string };
export type PresencePayload = { organisationId: string; online: OnlinePerson[] };

export type Ack<T> =
  { ok: true; data: T } | { ok: false; error: "invalid-payload" | "not-found" | "rate-limited" };

export const clientEventSchemas = {
  "presence:list": z.object({ organisationId: z.string().min(1).max(64) }).strict(),
};

export type ClientToServerEvents = {
  "presence:list": (
    payload: z.infer<(typeof clientEventSchemas)["presence:list"]>,
    ack: (result: Ack<PresencePayload>) => void,
  ) => void;
};

export type ServerToClientEvents = {
  "presence:changed": (payload: PresencePayload) => void;
  /** This socket's session ended (signed out elsewhere, revoked, password changed): the page should reload. */
  "session:ended": () => void;
};

export type SocketData = { personId: string; name: string; sessionId: string; joinOnConnect: string[] };

/** The smallest message allowed through; anything bigger is refused by the transport. */
export const maxSocketMessageBytes = 16 * 1024;
