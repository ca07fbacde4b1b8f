import { db, type Tx } from "./db.server";
import { domainEvents, type DomainEvents } from "./events.server";
import { claimFormToken } from "./form-token.server";
import { requestScope } from "./request-scope.server";

/**
 * How a command raises a domain event (sent once the transaction committed), and hands work that must follow
 * the commit but not hold the transaction open (writing notifications to many people).
 */
export type CommandEmit = (<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) => void) & {
  afterCommit: (work: () => Promise<void>) => void;
};

/**
 * Runs a command's work in one transaction; the domain events it raised are emitted only after the
 * commit, so no socket ever announces a change that was rolled back. Then the work left for after the commit
 * runs, in order, before the command returns: the live events have left by then.
 */
export async function runCommand<T>(work: (tx: Tx, emit: CommandEmit) => Promise<T>): Promise<T> {
  const pending: Array<() => void> = [];
  const later: Array<() => Promise<void>> = [];
  // The tab that sent the request learns of its own change from its action's answer, not from its socket.
  const originSocketId = requestScope().getStore()?.socketId;
  const emit: CommandEmit = Object.assign(
    <K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) =>
      pending.push(() =>
        domainEvents().emit(
          name,
          name === "space.changed" && originSocketId ? { ...payload, originSocketId } : payload,
        ),
      ),
    { afterCommit: (next: () => Promise<void>) => void later.push(next) },
  );
  const result = await db().$transaction(async (tx) => {
    // A form post's token goes first: the same post sent twice fails here, before creating anything.
    const answered = await claimFormToken(tx);
    const value = await work(tx, emit);
    await answered?.(value);
    return value;
  });
  for (const send of pending) send();
  for (const next of later) {
    try {
      await next();
    } catch (error) {
      // The command's change is committed: its answer must not say it failed (a retry would repeat it).
      console.error("work after a command's commit failed", error);
    }
  }
  return result;
}
