import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination, useCappedCount } from "~/components/ui/pagination";
import {
  DecisionForms,
  OrganisationReview,
  RenameDecisionForms,
} from "~/components/registration/organisation-review";
import { reviewQueues } from "~/modules/registration/schema";
import type { loader } from "./admin.organisations.server";

export { loader } from "./admin.organisations.server";

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
