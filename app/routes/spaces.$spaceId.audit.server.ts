import type { LoaderFunctionArgs } from "@remix-run/node";
import { spaceAuditTrail } from "~/modules/audit/queries.server";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-audit");
  const [trail, language] = await Promise.all([
    spaceAuditTrail(spaceId, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  const time = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return listPageData(
    {
      pages: trail.links,
      events: trail.events.map(({ createdAt, ...event }) => ({
        ...event,
        at: createdAt.toISOString(),
        time: time.format(createdAt),
      })),
    },
    trail.links,
  );
}
