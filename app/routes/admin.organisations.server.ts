import type { LoaderFunctionArgs } from "@remix-run/node";
import { presentForReview } from "~/components/registration/organisation-review";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { organisationsForReview } from "~/modules/registration/queries.server";
import { reviewFilterSchema } from "~/modules/registration/schema";
import { notFound } from "~/utils/errors";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!can(actor, "platform.administer", null)) notFound();
  const url = new URL(request.url);
  const { status } = reviewFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [review, language] = await Promise.all([
    organisationsForReview(status, url),
    resolveLanguage(request, actor),
  ]);
  return listPageData(
    {
      counts: review.counts,
      pages: review.links,
      status,
      organisations: review.organisations.map((organisation) => ({
        ...presentForReview(organisation, language),
        canDecide: can(actor, "organisation.verify", organisation),
        canDecideRename: can(actor, "organisation.decide-rename", organisation),
      })),
    },
    review.links,
  );
}
