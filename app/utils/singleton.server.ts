/**
 * Remix bundles app/ into build/, while server/ imports the same modules through tsx: without this the
 * two copies would each hold their own database client and event bus.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __concordSingletons?: Map<string, unknown> };
  store.__concordSingletons ??= new Map();
  if (!store.__concordSingletons.has(name)) store.__concordSingletons.set(name, create());
  return store.__concordSingletons.get(name) as T;
}

export function forgetSingleton(name: string) {
  const store = globalThis as unknown as { __concordSingletons?: Map<string, unknown> };
  store.__concordSingletons?.delete(name);
}
