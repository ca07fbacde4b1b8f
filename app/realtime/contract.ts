import { z } from "zod";
import { channelEventSchemas, type CatchUp, type MessageView } from "~/modules/channels/schema";

/**
 * Room names: one per organisation (its members' presence), one per person (their own sessions), one per session
 * (its sockets, in whichever process they are) and one per watched space.
 */
export const rooms = {
  organisation: (organisationId: string) => `organisation:${organisationId}`,
  person: (personId: string) => `person:${personId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  space: (spaceId: string) => `space:${spaceId}`,
  // --- channels (issue 11) ---
  channel: (channelId: string) => `channel:${channelId}`,
};

export type SpaceChange =
  "space" | "participation" | "update" | "concern" | "level-request" | "consultation" | "channel";

export type OnlinePerson = { personId: string; name: string };
export type PresencePayload = { organisationId: string; online: OnlinePerson[] };

export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; error: "invalid-payload" | "not-found" | "rate-limited" | "refused"; message?: string };

export const clientEventSchemas = {
  "presence:list": z.object({ organisationId: z.string().min(1).max(64) }).strict(),
  "space:watch": z.object({ spaceId: z.string().min(1).max(64) }).strict(),
  ...channelEventSchemas,
};

type Payload<E extends keyof typeof clientEventSchemas> = z.infer<(typeof clientEventSchemas)[E]>;

// --- channels (issue 11): handled in server/channels-realtime.ts ---
export type ChannelClientEvents = {
  /** Join a channel's room; refused (not-found) unless can(actor, "space.read-channel", space). */
  "channel:join": (
    payload: Payload<"channel:join">,
    ack: (result: Ack<{ channelId: string; lastEventSeq: number }>) => void,
  ) => void;
  /** Every event of the channel after `after`, in order (ask again while `more`). */
  "channel:catch-up": (payload: Payload<"channel:catch-up">, ack: (result: Ack<CatchUp>) => void) => void;
  /** Post a message; idempotent by clientKey (a retry answers the message the first send made). */
  "channel:send": (
    payload: Payload<"channel:send">,
    ack: (result: Ack<{ message: MessageView; created: boolean }>) => void,
  ) => void;
  "channel:mark-read": (payload: Payload<"channel:mark-read">, ack: (result: Ack<null>) => void) => void;
};

export type ClientToServerEvents = ChannelClientEvents & {
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
  /**
   * A joined channel has event `seq` (channels, issue 11): the page asks for everything after the last event
   * it applied ("channel:catch-up"), so a repeat costs nothing and a gap is filled.
   */
  "channel:changed": (payload: { channelId: string; seq: number }) => void;
};

export type SocketData = { personId: string; name: string; sessionId: string; joinOnConnect: string[] };

/** The smallest message allowed through; anything bigger is refused by the transport. */
export const maxSocketMessageBytes = 16 * 1024;
