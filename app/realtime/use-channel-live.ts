import { useCallback, useEffect, useRef, useState } from "react";
import type { ChannelEventView, MessageView } from "~/modules/channels/schema";
import * as realtime from "~/realtime/socket.client";

const notConnected: realtime.RealtimeState = { socket: null, connected: false };
const useSocket = realtime.useRealtimeSocket ?? (() => notConnected);

/** How long a send waits for the server's acknowledgement before it shows "not sent — retry". */
export const sendTimeoutMs = 10_000;

export type Pending = {
  clientKey: string;
  body: string;
  parentId: string | null;
  status: "sending" | "failed";
};

type Initial = {
  channelId: string;
  lastEventSeq: number;
  messages: MessageView[];
  /** Whether the page shows the latest messages (new ones are added at the bottom) or an older page. */
  latest: boolean;
  thread: { parent: MessageView; replies: MessageView[] } | null;
};

function newKey(): string {
  return crypto.randomUUID();
}

/** Puts `message` in `list` by id (replacing the version there), in seq order. */
function upsert(list: MessageView[], message: MessageView, addIfNew: boolean): MessageView[] {
  const at = list.findIndex((candidate) => candidate.id === message.id);
  if (at >= 0) return list.map((candidate, index) => (index === at ? message : candidate));
  if (!addIfNew) return list;
  return [...list, message].sort((a, b) => a.seq - b.seq);
}

/**
 * A channel page made live (docs/decisions/0027-channel-catch-up.md). The page keeps the number of the last
 * channel event it applied; on every connection, and whenever the server says there is a newer event, it asks
 * for everything after it and applies it in order, keeping one version of each message by id. Sending carries
 * a key made here, kept with the text until the server acknowledges it: a retry sends the same key, so the
 * server never makes a second message, and the text is never lost.
 */
export function useChannelLive(initial: Initial) {
  const { socket, connected } = useSocket();
  const [messages, setMessages] = useState(initial.messages);
  const [thread, setThread] = useState(initial.thread);
  const [pending, setPending] = useState<Pending[]>([]);
  const lastApplied = useRef(initial.lastEventSeq);
  const catchingUp = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const shownChannel = useRef(initial.channelId);
  // The loader read the page again (a navigation, a revalidation): start from what it read, keeping the older
  // messages loaded in place above it in the same channel (the catch-up keeps them current, by id).
  useEffect(() => {
    const sameChannel = shownChannel.current === initial.channelId;
    shownChannel.current = initial.channelId;
    const firstSeq = initial.messages[0]?.seq ?? Number.POSITIVE_INFINITY;
    setMessages((shown) => [
      ...(sameChannel && initial.latest ? shown.filter((message) => message.seq < firstSeq) : []),
      ...initial.messages,
    ]);
    setThread(initial.thread);
    lastApplied.current = initial.lastEventSeq;
  }, [initial.channelId, initial.messages, initial.thread, initial.lastEventSeq, initial.latest]);

  /** Older messages loaded in place (the "Older messages" link with JavaScript), above those shown. */
  const prepend = useCallback((older: MessageView[]) => {
    setMessages((shown) => older.reduce((list, message) => upsert(list, message, true), shown));
  }, []);

  const apply = useCallback(
    (events: ChannelEventView[]) => {
      for (const { message, parent, seq } of events) {
        if (seq <= lastApplied.current) continue;
        lastApplied.current = seq;
        if (parent) setMessages((list) => upsert(list, parent, false));
        if (message.parentId === null) {
          setMessages((list) => upsert(list, message, initial.latest));
          setThread((open) => (open && open.parent.id === message.id ? { ...open, parent: message } : open));
        } else {
          setThread((open) =>
            open && open.parent.id === message.parentId
              ? { ...open, replies: upsert(open.replies, message, true) }
              : open,
          );
        }
      }
    },
    [initial.latest],
  );

  const markRead = useCallback(
    (seq: number) => {
      if (socket && document.visibilityState === "visible")
        socket.emit("channel:mark-read", { channelId: initial.channelId, seq }, () => undefined);
    },
    [socket, initial.channelId],
  );

  /** Asks for everything after the last applied event, page after page; one request at a time. */
  const catchUp = useCallback(async (): Promise<void> => {
    if (!socket) return;
    if (catchingUp.current) {
      again.current = true;
      return catchingUp.current;
    }
    const run = async () => {
      do {
        again.current = false;
        let more = true;
        while (more) {
          const answer = await socket
            .timeout(sendTimeoutMs)
            .emitWithAck("channel:catch-up", { channelId: initial.channelId, after: lastApplied.current })
            .catch(() => null);
          if (!answer?.ok) return;
          apply(answer.data.events);
          more = answer.data.more;
          const newest = answer.data.events
            .filter((event: ChannelEventView) => event.kind === "posted")
            .at(-1);
          if (newest && initial.latest) markRead(newest.message.seq);
        }
      } while (again.current);
    };
    catchingUp.current = run().finally(() => {
      catchingUp.current = null;
    });
    return catchingUp.current;
  }, [socket, initial.channelId, initial.latest, apply, markRead]);

  useEffect(() => {
    if (!socket) return;
    const join = () => {
      socket.emit("channel:join", { channelId: initial.channelId }, (answer) => {
        if (answer.ok) void catchUp();
      });
    };
    const onChanged = (payload: { channelId: string; seq: number }) => {
      if (payload.channelId === initial.channelId && payload.seq > lastApplied.current) void catchUp();
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("channel:changed", onChanged);
    return () => {
      socket.off("connect", join);
      socket.off("channel:changed", onChanged);
    };
  }, [socket, initial.channelId, catchUp]);

  const deliver = useCallback(
    async (item: Pending) => {
      if (!socket) return;
      setPending((list) =>
        list.map((candidate) =>
          candidate.clientKey === item.clientKey ? { ...candidate, status: "sending" } : candidate,
        ),
      );
      const answer = await socket
        .timeout(sendTimeoutMs)
        .emitWithAck("channel:send", {
          channelId: initial.channelId,
          clientKey: item.clientKey,
          body: item.body,
          ...(item.parentId ? { parentId: item.parentId } : {}),
        })
        .catch(() => null);
      if (answer?.ok) {
        setPending((list) => list.filter((candidate) => candidate.clientKey !== item.clientKey));
        void catchUp();
        return;
      }
      setPending((list) =>
        list.map((candidate) =>
          candidate.clientKey === item.clientKey ? { ...candidate, status: "failed" } : candidate,
        ),
      );
    },
    [socket, initial.channelId, catchUp],
  );

  /** Sends a new message; false when there is no live connection to send it through (the form posts instead). */
  const send = useCallback(
    (body: string, parentId: string | null): boolean => {
      if (!socket) return false;
      const item: Pending = { clientKey: newKey(), body, parentId, status: "sending" };
      setPending((list) => [...list, item]);
      void deliver(item);
      return true;
    },
    [socket, deliver],
  );

  const retry = useCallback((item: Pending) => void deliver(item), [deliver]);

  return { messages, thread, pending, send, retry, prepend, live: socket !== null, connected };
}
