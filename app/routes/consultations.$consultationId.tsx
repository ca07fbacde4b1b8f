import type { MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/consultations/status-badge";
import { useSpaceLive } from "~/realtime/use-space-live";
import { DateText } from "~/components/ui/date";
import type { loader } from "./consultations.$consultationId.server";

export { loader } from "./consultations.$consultationId.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.consultation.title} · Concord` : "Concord" },
];

export default function ConsultationLayout() {
  const { consultation, may, ownInput, signedIn, maySeeSpace } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/consultations/${consultation.id}`;
  const { status } = consultation;
  const tabs: { to: string; label: string; shown: boolean }[] = [
    { to: "questions", label: "questions", shown: may["consultation.build"] },
    {
      to: "respond",
      label: "respond",
      shown: may["consultation.draft"] || may["consultation.submit"] || ownInput,
    },
    {
      to: "review",
      label: "review",
      shown: may["consultation.review"] && (status === "closed" || status === "published"),
    },
    { to: "results", label: "results", shown: may["consultation.review"] && status !== "draft" },
    { to: "report", label: "report", shown: status === "published" },
  ];
  return (
    <>
      {/* A visitor's socket would be refused at the handshake: their page is not live. */}
      {signedIn ? <SpaceLive spaceId={consultation.space.id} /> : null}
      <header className="space-header">
        <p className="space-header__meta">
          {maySeeSpace ? (
            <Link to={`/spaces/${consultation.space.id}/consultations`}>{consultation.space.title}</Link>
          ) : (
            consultation.space.title
          )}
        </p>
        <h1>{consultation.title}</h1>
        <p>
          <StatusBadge status={status} overdue={consultation.overdue} />
        </p>
        <p className="space-header__meta">
          {consultation.opensAt ? (
            <>
              {t("consultations.common.dates.opens")} <DateText value={consultation.opensAt} /> ·{" "}
            </>
          ) : null}
          {t("consultations.common.dates.closes")}{" "}
          <DateText value={consultation.closesAt} style="calendar-day" /> ·{" "}
          {t("consultations.common.dates.feedbackDue")}{" "}
          <DateText value={consultation.feedbackDueAt} style="calendar-day" />
        </p>
        {!signedIn && status === "open" ? (
          <p>
            <Link to={`/login?${new URLSearchParams({ redirectTo: base })}`} className="button">
              {t("consultations.common.signInToTakePart")}
            </Link>
          </p>
        ) : null}
      </header>
      <nav aria-label={t("consultations.common.tabs.label")} className="subnav">
        <NavLink to={base} end>
          {t("consultations.common.tabs.overview")}
        </NavLink>
        {tabs
          .filter((tab) => tab.shown)
          .map((tab) => (
            <NavLink key={tab.to} to={`${base}/${tab.to}`}>
              {t(`consultations.common.tabs.${tab.label}`)}
            </NavLink>
          ))}
      </nav>
      <Outlet />
    </>
  );
}

function SpaceLive({ spaceId }: { spaceId: string }) {
  useSpaceLive(spaceId);
  return null;
}
