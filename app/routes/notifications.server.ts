import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { markAllNotificationsRead } from "~/modules/notifications/mark-read.server";
import { notificationsOf } from "~/modules/notifications/queries.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const list = await notificationsOf(actor.personId, new URL(request.url));
  return listPageData(
    {
      pages: list.links,
      notifications: list.notifications.map(({ readAt, ...notification }) => ({
        ...notification,
        unread: readAt === null,
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
