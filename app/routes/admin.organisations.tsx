import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination, useCappedCount } from "~/components/ui/pagination";
import {
  DecisionForms,
  OrganisationReview,
  presentForReview,
  RenameDecisionForms,
} from "~/components/registration/organisation-review";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { organisationsForReview } from "~/modules/registration/queries.server";
import { reviewFilterSchema, reviewQueues } from "~/modules/registration/schema";
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

export default function AdminOrganisationsPage() {
  const { t } = useTranslation();
  const { organisations, counts, status, pages } = useLoaderData<typeof loader>();
  const cappedCount = useCappedCount();
  return (
    <>
      <h1>{t("admin.organisations.title")}</h1>
      <p className="lead">{t("admin.organisations.lead")}</p>
      <nav aria-label={t("admin.organisations.filterLabel")} className="subnav">
        {reviewQueues.map((candidate) => (
          <Link
            key={candidate}
            to={`?${new URLSearchParams({ status: candidate })}`}
            aria-current={candidate === status ? "page" : undefined}
          >
            {t("admin.organisations.tab", {
              label: t(`admin.organisations.status.${candidate}`),
              count: cappedCount(counts[candidate]),
            })}
          </Link>
        ))}
      </nav>
      <InvalidCursorNotice links={pages} />
      {organisations.length === 0 ? (
        <p>{t(`admin.organisations.empty.${status}`)}</p>
      ) : (
        <ul className="review-list">
          {organisations.map((organisation) => (
            <li key={organisation.id} className="card stack">
              <OrganisationReview organisation={organisation} headingLevel={2} linkToDetails />
              {organisation.canDecide ? (
                <DecisionForms organisationId={organisation.id} reviewedName={organisation.name} />
              ) : null}
              {organisation.canDecideRename && organisation.requestedName ? (
                <RenameDecisionForms
                  organisationId={organisation.id}
                  reviewedName={organisation.requestedName}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t("admin.organisations.pagination.label")} links={pages} kind="time" />
    </>
  );
}
