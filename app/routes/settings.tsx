import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export { loader } from "./settings.server";

export default function SettingsLayout() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <nav aria-label={t("settings.nav.label")} className="subnav">
        <NavLink to="/settings/profile">{t("settings.nav.profile")}</NavLink>
        <NavLink to="/settings/password">{t("settings.nav.password")}</NavLink>
        <NavLink to="/settings/sessions">{t("settings.nav.sessions")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
