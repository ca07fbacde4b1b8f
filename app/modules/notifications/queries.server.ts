import { db } from "~/utils/db.server";

export const notificationsPerPage = 50;

/** How many of the person's notifications are unread (the header shows it). */
export function unreadNotificationCount(personId: string) {
  return db().notification.count({ where: { personId, readAt: null } });
}

/** One page of the person's own notifications, newest first, with their catalogue values parsed. */
export async function notificationsOf(personId: string, page: number) {
  const [total, notifications] = await Promise.all([
    db().notification.count({ where: { personId } }),
    db().notification.findMany({
      where: { personId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * notificationsPerPage,
      take: notificationsPerPage,
      select: { id: true, message: true, values: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  return {
    notifications: notifications.map((notification) => ({
      ...notification,
      values: JSON.parse(notification.values) as Record<string, string>,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / notificationsPerPage)),
  };
}
