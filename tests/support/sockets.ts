import { io as connectSocket, type Socket } from "socket.io-client";
import { Browserless, type TestServer } from "./server";
import { defaultTestPassword } from "../../prisma/factories/people";

export const eventTimeoutMs = 3_000;
/** How long a socket must stay silent for "it did not receive it" to count. */
export const quietMs = 500;

export type SocketOptions = {
  cookie?: string;
  origin?: string | null;
  transport?: "websocket" | "polling";
  headers?: Record<string, string>;
};

/**
 * socket.io clients as a browser tab opens them, with the headers a browser would send, against one test
 * server. Untyped on purpose, so tests can send payloads the contract forbids. They connect to 127.0.0.1
 * (where the server listens) while the Origin header names the public origin, and never reconnect by
 * themselves: a test that cuts a connection decides when it comes back with `socket.connect()`.
 * `closeAll()` (after each test) closes every socket opened, so no test sees another's presence.
 */
export function socketClients(server: () => TestServer) {
  const opened: Socket[] = [];

  function open({
    cookie,
    origin = server().origin,
    transport = "websocket",
    headers = {},
  }: SocketOptions = {}) {
    const extraHeaders: Record<string, string> = { ...headers };
    if (cookie) extraHeaders.cookie = cookie;
    if (origin) extraHeaders.origin = origin;
    const socket = connectSocket(server().origin.replace("localhost", "127.0.0.1"), {
      transports: [transport],
      extraHeaders,
      forceNew: true,
      reconnection: false,
    });
    opened.push(socket);
    return socket;
  }

  /** Signs in through the login form, as a browser does, and returns the Cookie header it would send. */
  async function signIn(person: { email: string }): Promise<string> {
    const client = new Browserless(server().origin);
    await client.signIn(person.email, defaultTestPassword);
    return client.cookieHeader();
  }

  return {
    open,
    signIn,
    connectAs: async (person: { email: string }) => connected(open({ cookie: await signIn(person) })),
    closeAll: () => {
      for (const socket of opened.splice(0)) socket.disconnect();
    },
  };
}

/** Resolves with the first arguments of `event` that match, or rejects after a bounded wait. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = eventTimeoutMs,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, listener);
  });
}

/** Resolves after `quietMs` if no matching `event` came; rejects as soon as one does. */
export function noEvent<T = unknown>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean = () => true,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      reject(new Error(`unexpected "${event}": ${JSON.stringify(payload)}`));
    };
    const timer = setTimeout(() => {
      socket.off(event, listener);
      resolve();
    }, quietMs);
    socket.on(event, listener);
  });
}

/** Settles on the handshake's outcome: "connect" or "connect_error", whichever comes first (bounded). */
export function handshake(socket: Socket): Promise<{ connected: true } | { connected: false; error: Error }> {
  if (socket.connected) return Promise.resolve({ connected: true });
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      socket.off("connect", onConnect);
      socket.off("connect_error", onError);
    };
    const onConnect = () => {
      done();
      resolve({ connected: true });
    };
    const onError = (error: Error) => {
      done();
      resolve({ connected: false, error });
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no handshake outcome within ${eventTimeoutMs} ms`));
    }, eventTimeoutMs);
    socket.on("connect", onConnect);
    socket.on("connect_error", onError);
  });
}

export async function connected(socket: Socket): Promise<Socket> {
  const outcome = await handshake(socket);
  if (!outcome.connected) throw outcome.error;
  return socket;
}

export async function refused(socket: Socket): Promise<Error> {
  const outcome = await handshake(socket);
  if (outcome.connected) throw new Error("the server accepted the socket");
  return outcome.error;
}
