import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/consultations/status-badge";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { DateText } from "~/components/ui/date";
import type { loader } from "./spaces.$spaceId.consultations.server";

export { loader } from "./spaces.$spaceId.consultations.server";

/** The space's consultations, with the state of each one's feedback loop. */
export default function SpaceConsultationsPage() {
  const { spaceId, mayCreate, consultations, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const l = "consultations.builder.list";
  return (
    <section aria-labelledby="consultations-heading" className="stack">
      <h2 id="consultations-heading">{t(`${l}.title`)}</h2>
      <p className="lead">{t(`${l}.lead`)}</p>
      <InvalidCursorNotice links={pages} />
      {mayCreate ? (
        <p className="actions">
          <Link to={`/spaces/${spaceId}/consultations/new`} className="button">
            {t(`${l}.new`)}
          </Link>
        </p>
      ) : null}
      {consultations.length === 0 ? (
        <p>{t(`${l}.empty`)}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t(`${l}.title`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${l}.columns.title`)}</th>
                <th scope="col">{t(`${l}.columns.status`)}</th>
                <th scope="col">{t(`${l}.columns.closes`)}</th>
                <th scope="col">{t(`${l}.columns.feedbackDue`)}</th>
                <th scope="col">{t(`${l}.columns.inputs`)}</th>
                <th scope="col">{t(`${l}.columns.coverage`)}</th>
                <th scope="col">{t(`${l}.columns.sinceClosing`)}</th>
              </tr>
            </thead>
            <tbody>
              {consultations.map((consultation) => (
                <tr key={consultation.id}>
                  <th scope="row">
                    <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
                  </th>
                  <td>
                    <StatusBadge status={consultation.status} overdue={consultation.loop.overdue} />
                  </td>
                  <td>
                    <DateText value={consultation.closesAt} style="calendar-day" />
                  </td>
                  <td>
                    <DateText value={consultation.feedbackDueAt} style="calendar-day" />
                  </td>
                  <td>{consultation.status === "draft" ? "—" : consultation.loop.inputs}</td>
                  <td>
                    {consultation.status === "draft" || consultation.status === "open"
                      ? "—"
                      : t(`${l}.coverage`, {
                          coverage: consultation.loop.coverage,
                          answered: consultation.loop.answered,
                          inputs: consultation.loop.inputs,
                        })}
                  </td>
                  <td>
                    {consultation.loop.daysSinceClosing === null
                      ? "—"
                      : t(`${l}.days`, { count: consultation.loop.daysSinceClosing })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination label={t(`${l}.pagination`)} links={pages} kind="time" />
    </section>
  );
}
