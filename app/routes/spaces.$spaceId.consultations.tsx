import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/consultations/status-badge";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { consultationToDraftIn } from "~/modules/consultations/policy";
import { spaceConsultations } from "~/modules/consultations/queries.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { updatesPageSchema } from "~/modules/updates/schema";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.read-updates");
  const { page } = updatesPageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const mayCreate = can(actor, "consultation.build", consultationToDraftIn(space));
  const [list, language] = await Promise.all([
    spaceConsultations(space.spaceId, { includeDrafts: mayCreate, page }),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  return {
    spaceId: space.spaceId,
    mayCreate,
    page: list.page,
    pageCount: list.pageCount,
    consultations: list.consultations.map((consultation) => ({
      id: consultation.id,
      title: consultation.title,
      status: consultation.status,
      closes: date.format(consultation.closesAt),
      closesDateTime: consultation.closesAt.toISOString(),
      feedbackDue: date.format(consultation.feedbackDueAt),
      feedbackDueDateTime: consultation.feedbackDueAt.toISOString(),
      loop: consultation.loop,
    })),
  };
}

/** The space's consultations, with the state of each one's feedback loop. */
export default function SpaceConsultationsPage() {
  const { spaceId, mayCreate, consultations, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const l = "consultations.builder.list";
  return (
    <section aria-labelledby="consultations-heading" className="stack">
      <h2 id="consultations-heading">{t(`${l}.title`)}</h2>
      <p className="lead">{t(`${l}.lead`)}</p>
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
                    <time dateTime={consultation.closesDateTime}>{consultation.closes}</time>
                  </td>
                  <td>
                    <time dateTime={consultation.feedbackDueDateTime}>{consultation.feedbackDue}</time>
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
      {pageCount > 1 ? (
        <nav aria-label={t(`${l}.pagination`)} className="actions">
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} rel="prev">
              {t(`${l}.previous`)}
            </Link>
          ) : null}
          <span>{t(`${l}.position`, { page, pageCount })}</span>
          {page < pageCount ? (
            <Link to={`?page=${page + 1}`} rel="next">
              {t(`${l}.next`)}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
