import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { waitingConcerns } from "~/modules/concerns/queries.server";
import { organisationsPerLevel, spaceOverview } from "~/modules/spaces/queries.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view");
  const [overview, engagement, concerns] = await Promise.all([
    spaceOverview(actor, space.spaceId),
    can(actor, "space.view-participants", space) ? organisationsPerLevel(space.spaceId) : null,
    can(actor, "space.view-concerns", space) ? waitingConcerns(space.spaceId) : null,
  ]);
  return { overview, engagement, concerns };
}
