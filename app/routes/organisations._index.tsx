import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import type { loader } from "./organisations._index.server";

export { loader } from "./organisations._index.server";

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
