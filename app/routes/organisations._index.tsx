import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
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

export default function OrganisationsPage() {
  const { organisations, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("organisations.list.title")}</h1>
      <InvalidCursorNotice links={pages} />
      {organisations.length === 0 ? (
        <p>
          {t("organisations.list.empty")} <Link to="/register">{t("organisations.list.register")}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {organisations.map((organisation) => (
            <li key={organisation.id} className="card stack">
              <h2 className="card__title">
                <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
              </h2>
              <p>
                <span className={`badge badge--${organisation.verificationStatus}`}>
                  {t(`organisations.status.${organisation.verificationStatus}`)}
                </span>
              </p>
              <p>
                {t(`organisations.types.${organisation.type}`)} · {organisation.place},{" "}
                {organisation.countryName}
              </p>
              <p>
                {t("organisations.list.yourRole", { role: t(`organisations.roles.${organisation.role}`) })}
                {organisation.isFocalPoint ? ` · ${t("organisations.members.focalPoint")}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t("organisations.list.pagination")} links={pages} />
    </>
  );
}
