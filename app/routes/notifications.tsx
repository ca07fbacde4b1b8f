import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor } from "~/modules/auth/session.server";
import { markAllNotificationsRead } from "~/modules/notifications/mark-read.server";
import { notificationsOf } from "~/modules/notifications/queries.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { page } = pageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, language] = await Promise.all([
    notificationsOf(actor.personId, page),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return {
    page: list.page,
    pageCount: list.pageCount,
    notifications: list.notifications.map(({ createdAt, readAt, ...notification }) => ({
      ...notification,
      unread: readAt === null,
      date: date.format(createdAt),
      dateTime: createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  await markAllNotificationsRead(actor);
  return redirectWithToast("/notifications", { kind: "success", message: "notifications.page.allRead" });
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { notifications, page, pageCount } = useLoaderData<typeof loader>();
  const hasUnread = notifications.some((notification) => notification.unread);
  return (
    <div className="stack">
      <h1>{t("notifications.page.title")}</h1>
      {hasUnread ? (
        <Form method="post">
          <button type="submit" className="button button--small">
            {t("notifications.page.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p>{t("notifications.page.empty")}</p>
      ) : (
        <ol className="card-list">
          {notifications.map((notification) => (
            <li key={notification.id} className={notification.unread ? "card notification--unread" : "card"}>
              {notification.unread ? (
                <span className="badge badge--pending">{t("notifications.page.unread")}</span>
              ) : null}{" "}
              <Link to={notification.link}>{t(notification.message, notification.values)}</Link>
              <p className="review__meta">
                <time dateTime={notification.dateTime}>{notification.date}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("notifications.pagination.label")} className="actions">
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} rel="prev">
              {t("notifications.pagination.newer")}
            </Link>
          ) : null}
          <span>{t("notifications.pagination.position", { page, pageCount })}</span>
          {page < pageCount ? (
            <Link to={`?page=${page + 1}`} rel="next">
              {t("notifications.pagination.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
