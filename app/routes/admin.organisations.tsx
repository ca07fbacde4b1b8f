import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!can(actor, "platform.administer", null)) notFound();
  const filter = reviewFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [review, language] = await Promise.all([
    organisationsForReview(filter),
    resolveLanguage(request, actor),
  ]);
  return {
    ...review,
    status: filter.status,
    organisations: review.organisations.map((organisation) => ({
      ...presentForReview(organisation, language),
      canDecide: can(actor, "organisation.verify", organisation),
      canDecideRename: can(actor, "organisation.decide-rename", organisation),
    })),
  };
}

export default function AdminOrganisationsPage() {
  const { t } = useTranslation();
  const { organisations, counts, status, page, pageCount } = useLoaderData<typeof loader>();
  const pageLink = (target: number) => `?${new URLSearchParams({ status, page: String(target) })}`;
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
              count: counts[candidate],
            })}
          </Link>
        ))}
      </nav>
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
      {pageCount > 1 ? (
        <nav aria-label={t("admin.organisations.pagination.label")} className="actions">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              {t("admin.organisations.pagination.newer")}
            </Link>
          ) : null}
          <span>{t("admin.organisations.pagination.position", { page, pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t("admin.organisations.pagination.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
