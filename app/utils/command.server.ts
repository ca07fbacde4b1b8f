import { db, type Tx } from "./db.server";
import { domainEvents, type DomainEvents } from "./events.server";

type Emit = <K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) => void;

/**
 * Runs a command's work in one transaction; the domain events it raised are emitted only after the
 * commit, so no socket ever announces a change that was rolled back.
 */
export async function runCommand<T>(work: (tx: Tx, emit: Emit) => Promise<T>): Promise<T> {
  const pending: Array<() => void> = [];
  const emit: Emit = (name, payload) => pending.push(() => domainEvents().emit(name, payload));
  const result = await db().$transaction((tx) => work(tx, emit));
  for (const send of pending) send();
  return result;
}
