import type { LoaderFunctionArgs } from "@remix-run/node";
import { spaceAuditTrail } from "~/modules/audit/queries.server";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-audit");
  const trail = await spaceAuditTrail(spaceId, new URL(request.url));
  return listPageData(
    {
      pages: trail.links,
      events: trail.events,
    },
    trail.links,
  );
}
