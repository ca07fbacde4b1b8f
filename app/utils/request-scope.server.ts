import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/**
 * One store per HTTP request (server/app.ts opens it around the Remix handler). Remix gives each loader of a
 * page its own Request object, so what several loaders of one page need — the signed-in actor, their
 * standing in a space — is read once per request through this store instead.
 */
export function requestScope() {
  return singleton("request-scope", () => new AsyncLocalStorage<Map<string, unknown>>());
}

export function oncePerRequest<T>(key: string, compute: () => T): T {
  const store = requestScope().getStore();
  if (!store) return compute();
  if (!store.has(key)) store.set(key, compute());
  return store.get(key) as T;
}
