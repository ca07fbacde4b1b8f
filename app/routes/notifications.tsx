import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { requireActor } from "~/modules/auth/session.server";
import { markAllNotificationsRead } from "~/modules/notifications/mark-read.server";
import { notificationsOf } from "~/modules/notifications/queries.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const [list, language] = await Promise.all([
    notificationsOf(actor.personId, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return listPageData(
    {
      pages: list.links,
      notifications: list.notifications.map(({ createdAt, readAt, ...notification }) => ({
        ...notification,
        unread: readAt === null,
        date: date.format(createdAt),
        dateTime: createdAt.toISOString(),
      })),
    },
    list.links,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  await markAllNotificationsRead(actor);
  return redirectWithToast("/notifications", { kind: "success", message: "notifications.page.allRead" });
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { notifications, pages } = useLoaderData<typeof loader>();
  const hasUnread = notifications.some((notification) => notification.unread);
  return (
    <div className="stack">
      <h1>{t("notifications.page.title")}</h1>
      <InvalidCursorNotice links={pages} />
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
      <Pagination label={t("notifications.pagination.label")} links={pages} kind="time" />
    </div>
  );
}
