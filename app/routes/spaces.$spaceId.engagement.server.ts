import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { engagementOverview } from "~/modules/engagement/overview.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-participants");
  const [overview, language] = await Promise.all([
    engagementOverview(spaceId),
    resolveLanguage(request, actor),
  ]);
  const monthName = new Intl.DateTimeFormat(language, { month: "short", year: "numeric", timeZone: "UTC" });
  return {
    ...overview,
    history: overview.history.map(({ month, counts }) => ({
      month,
      label: monthName.format(new Date(`${month}-01T00:00:00Z`)),
      counts,
    })),
  };
}
