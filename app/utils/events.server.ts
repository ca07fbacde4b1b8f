import { EventEmitter } from "node:events";
import type { SpaceChange } from "~/realtime/contract";
import { singleton } from "./singleton.server";

/** Domain events that commands emit after their transaction commits; server/ turns them into socket.io messages. */
export type DomainEvents = {
  "membership.changed": { organisationId: string; personId: string };
  "organisation.verification-changed": { organisationId: string; status: string };
  "session.revoked": { personId: string; sessionIds: string[] };
  /** A device's session was replaced by a new one (a password change): its sockets stay, under the new id. */
  "session.renewed": { personId: string; previousSessionId: string; sessionId: string };
  /** Something in a space changed; `what` tells live pages which part to refresh. */
  "space.changed": {
    spaceId: string;
    what: SpaceChange;
    /** The socket of the tab whose request made the change (it revalidates after its own action): not told. */
    originSocketId?: string;
  };
  /** An organisation's standing in a space changed (level, status, delegates): sockets must be re-checked. */
  "space.standing-changed": { spaceId: string; organisationId: string };
  "notification.created": { personIds: string[] };
  /** A save changed an organisation's shared draft of a consultation (ADR 0026). */
  "draft.changed": {
    consultationId: string;
    organisationId: string;
    aggregated: boolean;
    draftRevision: number;
    byPersonId: string;
  };
  /** A channel has a new event (a message posted, edited, deleted or hidden), numbered `seq`. */
  "channel.changed": { spaceId: string; channelId: string; seq: number };
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
