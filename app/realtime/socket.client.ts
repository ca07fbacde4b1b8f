import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "~/realtime/contract";

/**
 * The browser side of Concord's realtime connection: one socket.io connection per tab, shared by every
 * component that needs it, opened on first use.
 *
 * This is a `.client` module: the server build replaces it with an empty module, so every export is
 * `undefined` while rendering on the server. Call `getRealtimeSocket()` only from effects or event
 * handlers; components rendered on the server use the hook through a fallback, for example
 *
 *   import * as realtime from "~/realtime/socket.client";
 *   const useSocket = realtime.useRealtimeSocket ?? (() => notConnected);
 */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: RealtimeSocket | undefined;

/** Names the tab's socket to the server in the requests that may change something (see below). */
export const socketHeader = "X-Concord-Socket";

/**
 * Every same-origin request of this tab that may change something (Remix's actions go through fetch) carries
 * the tab's socket id, so that the live event of its own change skips this socket: the page revalidates after
 * its action anyway, and would otherwise read everything twice.
 */
function nameSocketInRequests(socket: RealtimeSocket) {
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : null;
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const url = new URL(request ? request.url : String(input), window.location.href);
    if (!socket.id || method === "GET" || method === "HEAD" || url.origin !== window.location.origin)
      return original(input, init);
    const headers = new Headers(init?.headers ?? request?.headers);
    headers.set(socketHeader, socket.id);
    return original(input, { ...init, headers });
  };
}
const catchUpListeners = new Set<() => void>();

export function getRealtimeSocket(): RealtimeSocket {
  if (!shared) {
    // Same origin, so the session cookie goes along with the handshake. WebSocket first (one connection,
    // no long polling); if a proxy blocks it, HTTP long polling. Without tryAllTransports the client would
    // only ever retry the first transport.
    const socket = io({ transports: ["websocket", "polling"], tryAllTransports: true });
    let connectedBefore = false;
    socket.on("connect", () => {
      // Back, but not resumed (away longer than the server keeps a dropped connection, or the server
      // restarted): the events sent meanwhile are lost, so the page must read its data again. A resumed
      // connection gets them replayed instead.
      if (connectedBefore && !socket.recovered) for (const listener of catchUpListeners) listener();
      connectedBefore = true;
    });
    // The session behind this connection ended (signed out elsewhere, revoked, password changed), also while
    // the connection was down: reload, so the server renders the page for who the browser is now (usually
    // the sign-in page). A refused socket does not try again by itself.
    socket.on("session:ended", () => window.location.reload());
    socket.on("connect_error", (error) => {
      if (connectedBefore && error.message === "unauthorised") window.location.reload();
    });
    nameSocketInRequests(socket);
    shared = socket;
  }
  return shared;
}

/**
 * Calls `listener` whenever the tab's connection comes back without the events it missed. Does not open the
 * connection: whoever needs live events does.
 */
export function onMissedEvents(listener: () => void): () => void {
  catchUpListeners.add(listener);
  return () => catchUpListeners.delete(listener);
}

export type RealtimeState = { socket: RealtimeSocket | null; connected: boolean };

/** The tab's shared socket and whether it is connected now; `socket` is null until after hydration. */
export function useRealtimeSocket(): RealtimeState {
  const [state, setState] = useState<RealtimeState>({ socket: null, connected: false });
  useEffect(() => {
    const socket = getRealtimeSocket();
    const update = () => setState({ socket, connected: socket.connected });
    update();
    socket.on("connect", update);
    socket.on("disconnect", update);
    socket.on("connect_error", update);
    return () => {
      socket.off("connect", update);
      socket.off("disconnect", update);
      socket.off("connect_error", update);
    };
  }, []);
  return state;
}
