import type { CommandEmit } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import { domainEvents } from "~/utils/events.server";

export type NotificationInput = {
  personIds: string[];
  spaceId?: string;
  /** A catalogue key, rendered in each reader's language when they read it. */
  message: string;
  values?: Record<string, string>;
  link: string;
};

/**
 * In-app notifications of a command, written once it committed, in one statement however many people they
 * go to, and announced live when written: the command's own live events leave first, and its transaction is
 * not held open by a thousand rows. A crash between the commit and this write loses the
 * notifications, never the change.
 */
export function notify(emit: CommandEmit, input: NotificationInput) {
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) return;
  const values = JSON.stringify(input.values ?? {});
  emit.afterCommit(async () => {
    await db().notification.createMany({
      data: personIds.map((personId) => ({
        personId,
        spaceId: input.spaceId ?? null,
        message: input.message,
        values,
        link: input.link,
      })),
    });
    domainEvents().emit("notification.created", { personIds });
  });
}
