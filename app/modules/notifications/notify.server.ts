import type { Tx } from "~/utils/db.server";
import type { DomainEvents } from "~/utils/events.server";

type Emit = <K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) => void;

export type NotificationInput = {
  personIds: string[];
  spaceId?: string;
  /** A catalogue key, rendered in each reader's language when they read it. */
  message: string;
  values?: Record<string, string>;
  link: string;
};

/** Writes in-app notifications inside the command's transaction; they are announced live after commit. */
export async function notify(tx: Tx, emit: Emit, input: NotificationInput) {
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) return;
  await tx.notification.createMany({
    data: personIds.map((personId) => ({
      personId,
      spaceId: input.spaceId ?? null,
      message: input.message,
      values: JSON.stringify(input.values ?? {}),
      link: input.link,
    })),
  });
  emit("notification.created", { personIds });
}
