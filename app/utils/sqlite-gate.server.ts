import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * SQLite has one connection per client, and the adapter's lock covers only transactions: a statement sent
 * outside a transaction while another request's transaction is open runs inside it — it reads what is not
 * committed, and a write of its own is undone if that transaction rolls back. The gate makes such statements
 * wait for the open transaction to end. Statements sent through `db()` from inside the transaction's own work
 * (the async context of its callback) join it as before, so nothing waits for itself.
 */
export class TransactionGate {
  readonly #inTransaction = new AsyncLocalStorage<true>();
  #tail: Promise<void> = Promise.resolve();

  /** Holds the gate until the returned function is called; whoever asked first goes first. */
  async #acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    await previous;
    return release;
  }

  /** Runs a transaction's work (the client's `$transaction`) in the context whose statements pass the gate. */
  runTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.#inTransaction.run(true, work);
  }

  /** Wraps the adapter factory so that its statements and transactions take the gate. */
  guard(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => this.#guardAdapter(await factory.connect()),
    };
  }

  #guardAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const bare =
      <A, R>(statement: (arg: A) => Promise<R>) =>
      async (arg: A): Promise<R> => {
        if (this.#inTransaction.getStore()) return statement(arg);
        const release = await this.#acquire();
        try {
          return await statement(arg);
        } finally {
          release();
        }
      };
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.queryRaw = bare(queryRaw);
    adapter.executeRaw = bare(executeRaw);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await this.#acquire();
      try {
        const transaction = await startTransaction(isolationLevel);
        const commit = transaction.commit.bind(transaction);
        const rollback = transaction.rollback.bind(transaction);
        transaction.commit = () => commit().finally(release);
        transaction.rollback = () => rollback().finally(release);
        return transaction;
      } catch (error) {
        release();
        throw error;
      }
    };
    return adapter;
  }
}
