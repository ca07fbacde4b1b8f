import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/** What one request's loaders share, and who turned out to be signed in (for the request's log line). */
export type RequestScope = {
  memo: Map<string, unknown>;
  personId?: string;
  /** The socket of the tab that sent the request (X-Concord-Socket): the live events it causes skip it. */
  socketId?: string;
};

/**
 * One store per HTTP request (server/app.ts opens it around the Remix handler). Remix gives each loader of a
 * page its own Request object, so what several loaders of one page need — the signed-in actor, their
 * standing in a space — is read once per request through this store instead.
 */
export function requestScope() {
  return singleton("request-scope", () => new AsyncLocalStorage<RequestScope>());
}

/** What a socket.io socket id looks like (base64url of 15 random bytes): anything else is ignored. */
const socketIdPattern = /^[A-Za-z0-9_-]{20}$/;

export function newRequestScope(socketHeader?: string | string[]): RequestScope {
  const socketId =
    typeof socketHeader === "string" && socketIdPattern.test(socketHeader) ? socketHeader : undefined;
  return { memo: new Map(), socketId };
}

export function oncePerRequest<T>(key: string, compute: () => T): T {
  const memo = requestScope().getStore()?.memo;
  if (!memo) return compute();
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

export function noteSignedInPerson(personId: string) {
  const scope = requestScope().getStore();
  if (scope) scope.personId = personId;
}
