import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OnlineNow } from "~/components/presence/online-now";
import { DateText, RelativeDays } from "~/components/ui/date";
import type { SpaceHealth, WaitingItem } from "~/modules/home/queries.server";
import type { loader } from "./_index.server";

export { loader } from "./_index.server";

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
  const verified = viewer.memberships.some((membership) => membership.organisationStatus === "verified");
  return (
    <div className="stack">
      <h1>{t("common.home.signedInTitle", { name: viewer.name })}</h1>
      <section aria-labelledby="waiting-heading" className="stack">
        <h2 id="waiting-heading">{t("common.home.waiting.title")}</h2>
        {viewer.items.length === 0 ? (
          <p>{verified ? t("common.home.waiting.empty") : t("common.home.waiting.emptyUnverified")}</p>
        ) : (
          <ol className="card-list">
            {viewer.items.map((item) => (
              <li key={item.key} className="card">
                <Waiting item={item} />
              </li>
            ))}
          </ol>
        )}
        {viewer.unreadNotifications > 0 ? (
          <p>
            <Link to="/notifications">
              {t("common.home.unreadNotifications", { count: viewer.unreadNotifications })}
            </Link>
          </p>
        ) : null}
      </section>
      {viewer.convened.length > 0 ? <ConvenedSpaces spaces={viewer.convened} /> : null}
      <section aria-labelledby="organisations-heading" className="stack">
        <h2 id="organisations-heading">{t("common.home.yourOrganisations")}</h2>
        {viewer.memberships.length === 0 ? (
          <p>
            {t("common.home.noOrganisations")}{" "}
            <Link to="/register">{t("common.home.registerOrganisation")}</Link>
          </p>
        ) : (
          <ul className="card-list">
            {viewer.memberships.map((membership) => (
              <li key={membership.organisationId} className="card">
                <Link to={`/organisations/${membership.organisationId}`} dir="auto">
                  {membership.organisationName}
                </Link>
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
      </section>
    </div>
  );
}

function Waiting({ item }: { item: WaitingItem }) {
  const { t } = useTranslation();
  const where = <span dir="auto">{item.spaceTitle}</span>;
  switch (item.kind) {
    case "consultation-to-answer":
      return (
        <>
          <h3>
            <Link to={item.link} dir="auto">
              {item.title}
            </Link>
          </h3>
          <p>
            {t("common.home.consultation.context", { organisation: item.organisationName })} {where}
          </p>
          <p>
            {t("common.home.consultation.closes")} <DateText value={item.dueAt} style="moment" /> (
            <RelativeDays value={item.dueAt} />)
          </p>
          <p>
            {item.draft.state === "not-started" ? (
              t("common.home.consultation.notStarted")
            ) : item.draft.state === "draft" ? (
              <>
                {t("common.home.consultation.draftSaved")}{" "}
                <DateText value={item.draft.savedAt} style="moment" />
              </>
            ) : (
              <>
                {t("common.home.consultation.submitted")} <DateText value={item.draft.at} style="moment" />
              </>
            )}
          </p>
        </>
      );
    case "space-invitation":
      return (
        <>
          <h3>
            <Link to={item.link}>
              {t("common.home.invitation.title", { organisation: item.organisationName })}
            </Link>
          </h3>
          <p>
            {where} · {t("common.home.since")} <DateText value={item.since} />
          </p>
        </>
      );
    case "level-requests":
    case "concerns-waiting":
      return (
        <>
          <h3>
            <Link to={item.link}>{t(`common.home.${item.kind}`, { count: item.count })}</Link>
          </h3>
          <p>
            {where} · {t("common.home.oldestSince")} <RelativeDays value={item.since} />
          </p>
        </>
      );
    case "feedback-due":
      return (
        <>
          <h3>
            <Link to={item.link}>
              {t("common.home.feedback.title")} <span dir="auto">{item.title}</span>
            </Link>
          </h3>
          <p>
            {where} · {t("common.home.feedback.unanswered", { count: item.unanswered })}
          </p>
          <p className={item.overdue ? "notice" : undefined}>
            {item.overdue ? t("common.home.feedback.overdue") : t("common.home.feedback.due")}{" "}
            <DateText value={item.dueAt} style="calendar-day" /> (<RelativeDays value={item.dueAt} />)
          </p>
        </>
      );
  }
}

function ConvenedSpaces({ spaces }: { spaces: SpaceHealth[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="convened-heading" className="stack">
      <h2 id="convened-heading">{t("common.home.convened.title")}</h2>
      <ul className="card-list">
        {spaces.map((space) => (
          <li key={space.spaceId} className="card">
            <h3>
              <Link to={`/spaces/${space.spaceId}`} dir="auto">
                {space.title}
              </Link>
            </h3>
            <ul>
              <li>{t("common.home.convened.unansweredInputs", { count: space.unansweredInputs })}</li>
              <li>{t("common.home.convened.concernsWaiting", { count: space.concernsWaiting })}</li>
              <li className={space.overdueFeedback > 0 ? "notice" : undefined}>
                {t("common.home.convened.overdueFeedback", { count: space.overdueFeedback })}
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
