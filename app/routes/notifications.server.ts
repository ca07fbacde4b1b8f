import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
