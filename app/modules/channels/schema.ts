import { z } from "zod";
import { choice, requiredText } from "~/utils/validation";

/** The longest message, in characters. */
export const maxMessageLength = 4000;
/** How many events one catch-up answer holds at most; the client asks again while `more` is true. */
export const catchUpPageSize = 500;

const id = z.string().min(1).max(64);
/** A client-generated key (a UUID in the browser; the form without JS sends one rendered with the page). */
export const clientKeySchema = z
  .string({ required_error: "validation.required" })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "validation.invalidChoice");

export const postMessageSchema = z.object({
  intent: z.literal("post"),
  body: requiredText(maxMessageLength),
  parentId: id.optional(),
  clientKey: clientKeySchema,
});
export type PostMessageInput = z.infer<typeof postMessageSchema>;

export const editMessageSchema = z.object({
  intent: z.literal("edit"),
  messageId: id,
  body: requiredText(maxMessageLength),
});
export type EditMessageInput = z.infer<typeof editMessageSchema>;

export const deleteMessageSchema = z.object({ intent: z.literal("delete"), messageId: id });

export const hideMessageSchema = z.object({
  intent: z.literal("hide"),
  messageId: id,
  reason: requiredText(500),
});
export type HideMessageInput = z.infer<typeof hideMessageSchema>;

export const notifyChoices = ["all", "mentions", "nothing"] as const;
export type NotifyChoice = (typeof notifyChoices)[number];
export const preferenceSchema = z.object({
  intent: z.literal("preference"),
  notify: z.enum(notifyChoices, choice),
});

/** The reactions a message may get, each with its name in the catalogue (channels.reactions.<name>). */
export const reactions = {
  "👍": "thumbsUp",
  "❤️": "heart",
  "🎉": "celebrate",
  "👀": "looking",
  "✅": "done",
} as const;
export type Reaction = keyof typeof reactions;
export const reactionEmoji = Object.keys(reactions) as [Reaction, ...Reaction[]];

export const reactSchema = z.object({
  intent: z.literal("react"),
  messageId: id,
  emoji: z.enum(reactionEmoji, choice),
});

export const openChannelSchema = z.object({ intent: z.literal("open"), title: requiredText(120) });

/** The socket events of channels (app/realtime/contract.ts): checked on the server before anything else. */
export const channelEventSchemas = {
  "channel:join": z.object({ channelId: id }).strict(),
  "channel:catch-up": z.object({ channelId: id, after: z.number().int().min(0) }).strict(),
  "channel:send": z
    .object({
      channelId: id,
      clientKey: clientKeySchema,
      body: requiredText(maxMessageLength),
      parentId: id.optional(),
    })
    .strict(),
  "channel:mark-read": z.object({ channelId: id, seq: z.number().int().min(0) }).strict(),
};

export type MessageState = "shown" | "edited" | "deleted" | "hidden";

/** A message as every reader sees it: a removed or hidden one keeps its place but not its text. */
export type MessageView = {
  id: string;
  seq: number;
  parentId: string | null;
  author: { id: string; name: string };
  organisation: string;
  /** Null once deleted or hidden. */
  body: string | null;
  state: MessageState;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
  replyCount: number;
  /** Each reaction given, with who gave it (for "you reacted"). */
  reactions: { emoji: string; personIds: string[] }[];
};

export type ChannelEventKind = "posted" | "edited" | "deleted" | "hidden" | "reacted";

/** One change to a channel, with the current state of the message it touched. */
export type ChannelEventView = {
  seq: number;
  kind: ChannelEventKind;
  message: MessageView;
  /** For a reply: the message it answers, as it is now (its reply count included). */
  parent?: MessageView;
};

export type CatchUp = { events: ChannelEventView[]; lastEventSeq: number; more: boolean };
