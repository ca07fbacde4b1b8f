import { EventEmitter } from "node:events";
import { singleton } from "./singleton.server";

/** Domain events that commands emit after their transaction commits; server/ turns them into socket.io messages. */
export type DomainEvents = {
  "membership.changed": { organisationId: string; personId: string };
  "organisation.verification-changed": { organisationId: string; status: string };
  "session.revoked": { personId: string; sessionIds: string[] };
};

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

class DomainEventBus {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof DomainEvents>(name: K, listener: Listener<K>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

export function domainEvents(): DomainEventBus {
  return singleton("domain-events", () => new DomainEventBus());
}
