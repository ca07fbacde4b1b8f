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
  // --- shared drafts (ADR 0026) ---
  /** One organisation's shared draft (its own input, or its aggregated input) of one consultation. */
  draft: (draft: DraftRef) =>
    `draft:${draft.consultationId}:${draft.organisationId}:${draft.aggregated ? "aggregated" : "own"}`,
  // --- end of shared drafts ---
  // --- channels (issue 11) ---
  channel: (channelId: string) => `channel:${channelId}`,
};

export type SpaceChange =
  "space" | "participation" | "update" | "concern" | "level-request" | "consultation" | "plan" | "channel";

export type OnlinePerson = { personId: string; name: string };
/** The whole list, sent only to the socket that asks for it ("presence:list"). */
export type PresencePayload = { organisationId: string; online: OnlinePerson[] };
/** A person's first socket in the organisation's room joined it (their other tabs are not announced). */
export type PresenceJoined = { organisationId: string; person: OnlinePerson };
/** A person's last socket in the organisation's room left it. */
export type PresenceLeft = { organisationId: string; personId: string };

export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; error: "invalid-payload" | "not-found" | "rate-limited" | "refused"; message?: string };

// --- shared drafts (ADR 0026) ---
export type DraftRef = { consultationId: string; organisationId: string; aggregated: boolean };
/** Someone editing a shared draft now, and the question (or "@aggregatedNote") they are on, if any. */
export type DraftEditor = { socketId: string; personId: string; name: string; questionId: string | null };
const draftRefSchema = {
  consultationId: z.string().min(1).max(64),
  organisationId: z.string().min(1).max(64),
  aggregated: z.boolean(),
};
const focusedSchema = { questionId: z.string().min(1).max(64).nullable() };
// --- end of shared drafts ---

export const clientEventSchemas = {
  "presence:list": z.object({ organisationId: z.string().min(1).max(64) }).strict(),
  "space:watch": z.object({ spaceId: z.string().min(1).max(64) }).strict(),
  // --- shared drafts (ADR 0026) ---
  "draft:watch": z.object({ ...draftRefSchema, ...focusedSchema }).strict(),
  "draft:focus": z.object({ ...draftRefSchema, ...focusedSchema }).strict(),
  "draft:leave": z.object(draftRefSchema).strict(),
  // --- end of shared drafts ---
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
  // --- shared drafts (ADR 0026) ---
  /**
   * Start receiving a shared draft's saved changes and who is editing it; refused (not-found) unless
   * can(actor, "consultation.draft", the consultation for that organisation). Answers who is editing it now.
   */
  "draft:watch": (
    payload: z.infer<(typeof clientEventSchemas)["draft:watch"]>,
    ack: (result: Ack<{ editors: DraftEditor[] }>) => void,
  ) => void;
  /** The question this person is on now (null: none), in a draft they watch. */
  "draft:focus": (payload: z.infer<(typeof clientEventSchemas)["draft:focus"]>) => void;
  /** Stop watching a draft (the form closed). */
  "draft:leave": (payload: z.infer<(typeof clientEventSchemas)["draft:leave"]>) => void;
  // --- end of shared drafts ---
};

/**
 * Every event tells the page that something changed, never what it now is: the page reads it again from its
 * loaders (or applies a presence change to the list it asked for). So an event that arrives twice costs a read,
 * and one replayed after a dropped connection is as good as live (server/realtime.ts, docs/decisions/0013).
 */
export type ServerToClientEvents = {
  /** Something in a watched space changed: the page applies it or revalidates its loader. */
  "space:changed": (payload: { spaceId: string; what: SpaceChange }) => void;
  /** The person has new in-app notifications. */
  "notification:new": () => void;
  /**
   * Presence as changes, one person each, so that a connection costs the same however many are online: the
   * page asks for the whole list ("presence:list") on every (re)connection and applies these to it.
   */
  "presence:joined": (payload: PresenceJoined) => void;
  "presence:left": (payload: PresenceLeft) => void;
  /** This socket's session ended (signed out elsewhere, revoked, password changed): the page should reload. */
  "session:ended": () => void;
  // --- shared drafts (ADR 0026) ---
  /** A colleague saved a change to a watched draft: a page with an older revision reads it again. */
  "draft:changed": (payload: DraftRef & { draftRevision: number }) => void;
  /** Who is editing a watched draft now, and where. */
  "draft:editors": (payload: DraftRef & { editors: DraftEditor[] }) => void;
  // --- end of shared drafts ---
  /**
   * A joined channel has event `seq` (channels, issue 11): the page asks for everything after the last event
   * it applied ("channel:catch-up"), so a repeat costs nothing and a gap is filled.
   */
  "channel:changed": (payload: { channelId: string; seq: number }) => void;
};

export type SocketData = {
  personId: string;
  name: string;
  sessionId: string;
  joinOnConnect: string[];
  /** Shared drafts: the question this socket is on in each draft room it is in (ADR 0026). */
  drafting?: Record<string, string | null>;
};

/** The smallest message allowed through; anything bigger is refused by the transport. */
export const maxSocketMessageBytes = 16 * 1024;
