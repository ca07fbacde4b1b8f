import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "~/modules/auth/session.server";
import { whatNeedsYou } from "~/modules/home/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (!actor) return { viewer: null };
  return {
    viewer: {
      name: actor.name,
      memberships: actor.memberships.map(({ organisationId, organisationName, organisationStatus }) => ({
        organisationId,
        organisationName,
        organisationStatus,
      })),
      ...(await whatNeedsYou(actor)),
    },
  };
}
