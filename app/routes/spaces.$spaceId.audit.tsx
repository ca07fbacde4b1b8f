import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { spaceAuditTrail } from "~/modules/audit/queries.server";
import { requireActor } from "~/modules/auth/session.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-audit");
  const [trail, language] = await Promise.all([
    spaceAuditTrail(spaceId, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  const time = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return listPageData(
    {
      pages: trail.links,
      events: trail.events.map(({ createdAt, ...event }) => ({
        ...event,
        at: createdAt.toISOString(),
        time: time.format(createdAt),
      })),
    },
    trail.links,
  );
}

/** The space's audit trail for its conveners: who did what, for which organisation, newest first. */
export default function SpaceAuditTrail() {
  const { events, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const subject = (type: string, name: string | null) => {
    const kind = t(`engagement.audit.subjects.${type}`, { defaultValue: type });
    return name ? t("engagement.audit.subject", { kind, name }) : kind;
  };
  return (
    <section aria-labelledby="audit-heading" className="stack">
      <h2 id="audit-heading">{t("engagement.audit.title")}</h2>
      <p>{t("engagement.audit.intro")}</p>
      <InvalidCursorNotice links={pages} />
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
      <Pagination label={t("engagement.audit.pages")} links={pages} kind="time" />
    </section>
  );
}
