import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { DateText } from "~/components/ui/date";
import type { loader } from "./spaces.$spaceId.audit.server";

export { loader } from "./spaces.$spaceId.audit.server";

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
                    <DateText value={event.createdAt} style="moment" />
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
