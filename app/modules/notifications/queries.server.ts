import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { countUpTo, keysetList } from "~/utils/keyset.server";

export const notificationsList = keysetList<Prisma.NotificationWhereInput>({
  name: "notifications",
  pageSize: 50,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/** The header shows "99+" past this many unread notifications. */
export const unreadShownUpTo = 99;

/** How many of the person's notifications are unread (the header shows it), counted up to unreadShownUpTo. */
export function unreadNotificationCount(personId: string) {
  return countUpTo(unreadShownUpTo, (take) =>
    db().notification.count({ where: { personId, readAt: null }, orderBy: { createdAt: "asc" }, take }),
  );
}

/** The page of the person's own notifications that `url` asks for, newest first, their values parsed. */
export async function notificationsOf(personId: string, url: URL) {
  const page = await notificationsList.findPage(url, (query) =>
    db().notification.findMany({
      where: { AND: [{ personId }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: { id: true, message: true, values: true, link: true, readAt: true, createdAt: true },
    }),
  );
  return {
    links: page.links,
    notifications: page.rows.map((notification) => ({
      ...notification,
      values: JSON.parse(notification.values) as Record<string, string>,
    })),
  };
}
