import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/** What one request's loaders share, and who turned out to be signed in (for the request's log line). */
export type RequestScope = { memo: Map<string, unknown>; personId?: string };

/**
 * One store per HTTP request (server/app.ts opens it around the Remix handler). Remix gives each loader of a
 * page its own Request object, so what several loaders of one page need — the signed-in actor, their
 * standing in a space — is read once per request through this store instead.
 */
export function requestScope() {
  return singleton("request-scope", () => new AsyncLocalStorage<RequestScope>());
}

export function newRequestScope(): RequestScope {
  return { memo: new Map() };
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
