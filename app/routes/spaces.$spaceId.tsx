import type { MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useSpaceLive } from "~/realtime/use-space-live";
import type { loader } from "./spaces.$spaceId.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

export { loader } from "./spaces.$spaceId.server";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation"]);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.space.title} · Concord` : "Concord" },
];

export type SpaceLayoutData = Awaited<ReturnType<typeof loader>>;

/** The layout's data, for the space's child pages. */
export function useSpaceLayout(): SpaceLayoutData {
  const data = useRouteLoaderData<typeof loader>("routes/spaces.$spaceId");
  if (!data) throw new Error("useSpaceLayout is used outside a space page");
  return data;
}

export default function SpaceLayout() {
  const { space, standing, may, channelUnread } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useSpaceLive(space.id);
  const base = `/spaces/${space.id}`;
  const tabs: { to: string; label: string; shown: boolean; badge?: string }[] = [
    { to: "updates", label: "spaces.tabs.updates", shown: may["space.read-updates"] },
    { to: "consultations", label: "spaces.tabs.consultations", shown: may["space.read-updates"] },
    {
      to: "channels",
      label: "spaces.tabs.channel",
      shown: may["space.read-channel"],
      badge: channelUnread > 0 ? t("channels.unread", { count: channelUnread }) : undefined,
    },
    { to: "concerns", label: "spaces.tabs.concerns", shown: may["space.view-concerns"] },
    { to: "plan", label: "spaces.tabs.plan", shown: may["plan.view"] },
    { to: "participants", label: "spaces.tabs.participants", shown: may["space.view-participants"] },
    { to: "levels", label: "spaces.tabs.levels", shown: may["space.view-participants"] },
    { to: "engagement", label: "spaces.tabs.engagement", shown: may["space.view-participants"] },
    {
      to: "participation",
      label: "spaces.tabs.participation",
      shown:
        may["space.respond-invitation"] ||
        may["space.request-level"] ||
        may["space.leave"] ||
        may["space.name-delegates"],
    },
    { to: "audit", label: "spaces.tabs.audit", shown: may["space.view-audit"] },
  ];
  return (
    <>
      <header className="space-header">
        <h1>{space.title}</h1>
        <p className="space-header__meta">
          {t(`spaces.kinds.${space.kind}`)} · {t(`organisations.levels.${space.governanceLevel}`)}
          {space.place ? ` · ${space.place}` : null}
        </p>
        {standing ? (
          <p>
            <span
              className={`badge${standing.status === "invited" ? " badge--pending" : " badge--verified"}`}
            >
              {t("spaces.header.standing", {
                organisation: standing.organisationName,
                standing:
                  standing.role === "convener" || !standing.level
                    ? t("spaces.roles.convener")
                    : t(`spaces.levels.${standing.level}.name`),
              })}
            </span>
          </p>
        ) : null}
        {standing?.status === "invited" ? (
          <p className="notice">
            {t("spaces.header.invitedNotice", { organisation: standing.organisationName })}
          </p>
        ) : null}
      </header>
      <nav aria-label={t("spaces.tabs.label")} className="subnav">
        <NavLink to={base} end>
          {t("spaces.tabs.overview")}
        </NavLink>
        {tabs
          .filter((tab) => tab.shown)
          .map((tab) => (
            <NavLink key={tab.to} to={`${base}/${tab.to}`}>
              {t(tab.label)}
              {tab.badge ? <span className="badge badge--pending subnav__badge">{tab.badge}</span> : null}
            </NavLink>
          ))}
      </nav>
      <Outlet />
    </>
  );
}
