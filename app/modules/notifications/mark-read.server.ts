import type { Actor } from "~/modules/authorization/actor";
import { db } from "~/utils/db.server";

/** Marks all of the person's own notifications as read; returns how many were unread. */
export async function markAllNotificationsRead(actor: Actor) {
  const { count } = await db().notification.updateMany({
    where: { personId: actor.personId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}
