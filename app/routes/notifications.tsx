import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { DateText } from "~/components/ui/date";
import type { loader } from "./notifications.server";

export { loader, action } from "./notifications.server";

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
                <DateText value={notification.createdAt} style="moment" />
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination label={t("notifications.pagination.label")} links={pages} kind="time" />
    </div>
  );
}
