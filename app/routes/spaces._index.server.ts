import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { conveningOrganisation, spaceDirectory } from "~/modules/spaces/queries.server";
import { directoryFilterSchema } from "~/modules/spaces/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filter = directoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [directory, organisation] = await Promise.all([
    spaceDirectory(actor, filter, url),
    currentOrganisationId(request, actor).then(conveningOrganisation),
  ]);
  return listPageData(
    {
      spaces: directory.spaces,
      total: directory.total,
      pages: directory.links,
      filter: {
        kind: filter.kind ?? "",
        governanceLevel: filter.governanceLevel ?? "",
        theme: filter.theme ?? "",
        place: filter.place ?? "",
        q: filter.q ?? "",
      },
      mayCreate: can(actor, "space.create", organisation),
    },
    directory.links,
  );
}
