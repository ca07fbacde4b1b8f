import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { spaceAuditTrail } from "~/modules/audit/queries.server";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-audit");
  const before = new URL(request.url).searchParams.get("before");
  const [trail, language] = await Promise.all([
    spaceAuditTrail(spaceId, before ? before.slice(0, 64) : null),
    resolveLanguage(request, actor),
  ]);
  const time = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return {
    spaceId,
    isFirstPage: !before,
    nextBefore: trail.nextBefore,
    events: trail.events.map(({ createdAt, ...event }) => ({
      ...event,
      at: createdAt.toISOString(),
      time: time.format(createdAt),
    })),
  };
}

/** The space's audit trail for its conveners: who did what, for which organisation, newest first. */
export default function SpaceAuditTrail() {
  const { spaceId, events, isFirstPage, nextBefore } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/spaces/${spaceId}/audit`;
  const subject = (type: string, name: string | null) => {
    const kind = t(`engagement.audit.subjects.${type}`, { defaultValue: type });
    return name ? t("engagement.audit.subject", { kind, name }) : kind;
  };
  return (
    <section aria-labelledby="audit-heading" className="stack">
      <h2 id="audit-heading">{t("engagement.audit.title")}</h2>
      <p>{t("engagement.audit.intro")}</p>
      {events.length === 0 ? (
        <p>{t("engagement.audit.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("engagement.audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("engagement.audit.columns.time")}</th>
                <th scope="col">{t("engagement.audit.columns.actor")}</th>
                <th scope="col">{t("engagement.audit.columns.organisation")}</th>
                <th scope="col">{t("engagement.audit.columns.action")}</th>
                <th scope="col">{t("engagement.audit.columns.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.at}>{event.time}</time>
                  </td>
                  <td>{event.actorName ?? t("engagement.audit.noActor")}</td>
                  <td>{event.organisationName ?? "—"}</td>
                  <td>{t(`engagement.audit.actions.${event.action}`, { defaultValue: event.action })}</td>
                  <td>{subject(event.subjectType, event.subjectName)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!isFirstPage || nextBefore ? (
        <nav aria-label={t("engagement.audit.pages")} className="subnav">
          {!isFirstPage ? <Link to={base}>{t("engagement.audit.newest")}</Link> : null}
          {nextBefore ? (
            <Link to={`${base}?${new URLSearchParams({ before: nextBefore })}`}>
              {t("engagement.audit.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
