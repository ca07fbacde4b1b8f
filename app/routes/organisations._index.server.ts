import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { organisationsOf } from "~/modules/organisations/queries.server";
import { countryName } from "~/modules/organisations/schema";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const [list, language] = await Promise.all([
    organisationsOf(actor, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  return listPageData(
    {
      pages: list.links,
      organisations: list.organisations.map(({ country, ...organisation }) => ({
        ...organisation,
        countryName: countryName(country, language),
      })),
    },
    list.links,
  );
}
