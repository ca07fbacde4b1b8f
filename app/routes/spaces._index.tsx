import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination, useCappedCount } from "~/components/ui/pagination";
import { governanceLevels, spaceKinds, spaceThemes } from "~/modules/spaces/schema";
import type { loader } from "./spaces._index.server";

export { loader } from "./spaces._index.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

/** The directory of the spaces the person can see, with filters that work as a plain GET form. */
export default function SpacesDirectory() {
  const { spaces, total, pages, filter, mayCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const cappedCount = useCappedCount();
  const filtered = Object.values(filter).some(Boolean);
  const select = (
    name: "kind" | "governanceLevel" | "theme",
    options: { value: string; label: string }[],
  ) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{t(`spaces.directory.filters.${name}`)}</label>
      <select id={`filter-${name}`} name={name} defaultValue={filter[name]} key={filter[name]}>
        <option value="">{t("spaces.directory.filters.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="stack">
      <h1>{t("spaces.directory.title")}</h1>
      <p className="lead">{t("spaces.directory.lead")}</p>
      {mayCreate ? (
        <p>
          <Link to="/spaces/new" className="button">
            {t("spaces.directory.create")}
          </Link>
        </p>
      ) : null}
      <Form
        method="get"
        className="space-filters"
        role="search"
        aria-label={t("spaces.directory.filters.label")}
      >
        <div className="field">
          <label htmlFor="filter-q">{t("spaces.directory.filters.q")}</label>
          <input id="filter-q" type="search" name="q" defaultValue={filter.q} key={filter.q} />
        </div>
        {select(
          "kind",
          spaceKinds.map((kind) => ({ value: kind, label: t(`spaces.kinds.${kind}`) })),
        )}
        {select(
          "governanceLevel",
          governanceLevels.map((level) => ({ value: level, label: t(`organisations.levels.${level}`) })),
        )}
        {select(
          "theme",
          spaceThemes.map((theme) => ({ value: theme, label: t(`spaces.themes.${theme}`) })),
        )}
        <div className="field">
          <label htmlFor="filter-place">{t("spaces.directory.filters.place")}</label>
          <input id="filter-place" type="text" name="place" defaultValue={filter.place} key={filter.place} />
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.directory.filters.submit")}
          </button>
          {filtered ? <Link to="/spaces">{t("spaces.directory.filters.clear")}</Link> : null}
        </p>
      </Form>
      <InvalidCursorNotice links={pages} />
      <p role="status">{t("spaces.directory.count", { count: total.count, shown: cappedCount(total) })}</p>
      {spaces.length === 0 ? (
        <p>{t("spaces.directory.empty")}</p>
      ) : (
        <ul className="card-list">
          {spaces.map((space) => (
            <li key={space.id} className="card stack">
              <h2 className="card__title">
                <Link to={`/spaces/${space.id}`}>{space.title}</Link>
              </h2>
              <p className="review__meta">
                {t(`spaces.kinds.${space.kind}`)} · {t(`organisations.levels.${space.governanceLevel}`)}
                {space.place ? ` · ${space.place}` : null}
              </p>
              <p>{space.themes.map((theme) => t(`spaces.themes.${theme}`)).join(", ")}</p>
              <p className="actions">
                {space.standings.map((standing) => (
                  <span
                    key={standing.organisationName}
                    className={`badge${standing.status === "invited" ? " badge--pending" : ""}`}
                  >
                    {t("spaces.header.standing", {
                      organisation: standing.organisationName,
                      standing:
                        standing.role === "convener" || !standing.level
                          ? t("spaces.roles.convener")
                          : standing.status === "invited"
                            ? t("spaces.header.invitedAt", {
                                level: t(`spaces.levels.${standing.level}.name`),
                              })
                            : t(`spaces.levels.${standing.level}.name`),
                    })}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t("spaces.directory.pagination.label")} links={pages} />
    </div>
  );
}
