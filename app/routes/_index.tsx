import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OnlineNow } from "~/components/presence/online-now";
import { getActor } from "~/modules/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  return {
    viewer: actor && {
      name: actor.name,
      memberships: actor.memberships.map(
        ({ organisationId, organisationName, organisationStatus, role }) => ({
          organisationId,
          organisationName,
          organisationStatus,
          role,
        }),
      ),
    },
  };
}

export default function HomePage() {
  const { viewer } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!viewer) {
    return (
      <div className="narrow">
        <h1>{t("common.home.title")}</h1>
        <p className="lead">{t("common.home.lead")}</p>
        <p className="actions">
          <Link to="/login" className="button">
            {t("common.signIn")}
          </Link>
          <Link to="/register" className="button button--quiet">
            {t("common.home.registerOrganisation")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <h1>{t("common.home.signedInTitle", { name: viewer.name })}</h1>
      <h2>{t("common.home.yourOrganisations")}</h2>
      {viewer.memberships.length === 0 ? (
        <p>
          {t("common.home.noOrganisations")}{" "}
          <Link to="/register">{t("common.home.registerOrganisation")}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {viewer.memberships.map((membership) => (
            <li key={membership.organisationId} className="card">
              <Link to={`/organisations/${membership.organisationId}`}>{membership.organisationName}</Link>
              {membership.organisationStatus !== "verified" ? (
                <p className="notice">
                  {t("common.home.pendingNotice", { name: membership.organisationName })}
                </p>
              ) : (
                <OnlineNow organisationId={membership.organisationId} headingLevel={3} />
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
