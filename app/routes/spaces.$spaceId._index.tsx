import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { levels } from "~/modules/engagement/levels";
import { useSpaceLayout } from "./spaces.$spaceId";
import type { loader } from "./spaces.$spaceId._index.server";

export { loader } from "./spaces.$spaceId._index.server";

/** The space's overview: mandate, themes, parent and children, conveners, the promise, engagement, concerns. */
export default function SpaceOverview() {
  const { overview, engagement, concerns } = useLoaderData<typeof loader>();
  const { space, standing, may } = useSpaceLayout();
  const { t } = useTranslation();
  const base = `/spaces/${space.id}`;
  const ownLevel = standing?.role === "participant" ? standing.level : null;
  return (
    <div className="stack">
      {may["space.edit"] || may["space.set-promise"] || may["space.manage-conveners"] ? (
        <p className="actions">
          {may["space.edit"] ? (
            <Link to={`${base}/edit`} className="button button--small">
              {t("spaces.edit.title")}
            </Link>
          ) : null}
          {may["space.set-promise"] ? (
            <Link to={`${base}/promise`} className="button button--small">
              {t("spaces.promise.title")}
            </Link>
          ) : null}
          {may["space.manage-conveners"] ? (
            <Link to={`${base}/conveners`} className="button button--small">
              {t("spaces.conveners.title")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <section aria-labelledby="mandate-heading">
        <h2 id="mandate-heading">{t("spaces.overview.mandate")}</h2>
        <p className="prewrap">{overview.mandate}</p>
        <dl className="details">
          <dt>{t("spaces.overview.themes")}</dt>
          <dd>{overview.themes.map((theme) => t(`spaces.themes.${theme}`)).join(", ")}</dd>
          <dt>{t("spaces.overview.conveners")}</dt>
          <dd>
            <ul className="inline-list">
              {overview.conveners.map((convener) => (
                <li key={convener.id}>
                  <Link to={`/organisations/${convener.id}`}>{convener.name}</Link>
                </li>
              ))}
            </ul>
          </dd>
          {overview.parent ? (
            <>
              <dt>{t("spaces.overview.parent")}</dt>
              <dd>
                <Link to={`/spaces/${overview.parent.id}`}>{overview.parent.title}</Link>
              </dd>
            </>
          ) : null}
          {overview.children.length > 0 ? (
            <>
              <dt>{t("spaces.overview.children")}</dt>
              <dd>
                <ul className="inline-list">
                  {overview.children.map((child) => (
                    <li key={child.id}>
                      <Link to={`/spaces/${child.id}`}>{child.title}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="promise-heading">
        <h2 id="promise-heading">{t("spaces.overview.promise.title")}</h2>
        <div className="table-scroll">
          <table className="promise-table">
            <thead>
              <tr>
                <th scope="col">{t("spaces.overview.promise.level")}</th>
                <th scope="col">{t("spaces.overview.promise.expectation")}</th>
                <th scope="col">{t("spaces.overview.promise.decisionMaker")}</th>
                <th scope="col">{t("spaces.overview.promise.feedback")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.promises.map((promise) => (
                <tr
                  key={promise.level}
                  className={promise.level === ownLevel ? "promise-table__own" : undefined}
                  aria-current={promise.level === ownLevel ? "true" : undefined}
                >
                  <th scope="row">
                    {t(`spaces.levels.${promise.level}.name`)}
                    {promise.level === ownLevel ? (
                      <>
                        {" "}
                        <span className="badge badge--verified">{t("spaces.overview.promise.yours")}</span>
                      </>
                    ) : null}
                    <p className="field__help">{t(`spaces.levels.${promise.level}.definition`)}</p>
                  </th>
                  <td className="prewrap">{promise.expectation || t("spaces.overview.promise.notSet")}</td>
                  <td>{promise.decisionMaker || t("spaces.overview.promise.notSet")}</td>
                  <td>
                    {promise.feedbackDays === null
                      ? t("spaces.overview.promise.notSet")
                      : t("spaces.overview.promise.days", { count: promise.feedbackDays })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {engagement ? (
        <section aria-labelledby="engagement-heading">
          <h2 id="engagement-heading">{t("spaces.overview.engagement.title")}</h2>
          <p>{t("spaces.overview.engagement.conveners", { count: engagement.conveners })}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("spaces.overview.engagement.level")}</th>
                  <th scope="col">{t("spaces.overview.engagement.organisations")}</th>
                </tr>
              </thead>
              <tbody>
                {levels.map((level) => (
                  <tr key={level}>
                    <th scope="row">{t(`spaces.levels.${level}.name`)}</th>
                    <td>{engagement.perLevel[level]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {concerns ? (
        <section aria-labelledby="concerns-heading">
          <h2 id="concerns-heading">{t("spaces.overview.concerns.title")}</h2>
          <p className="concerns-waiting">
            {concerns.count === 0
              ? t("spaces.overview.concerns.none")
              : t("spaces.overview.concerns.summary", {
                  waiting: t("spaces.overview.concerns.waiting", { count: concerns.count }),
                  oldest: t("spaces.overview.concerns.oldest", { count: concerns.oldestDays }),
                })}
          </p>
        </section>
      ) : null}
    </div>
  );
}
