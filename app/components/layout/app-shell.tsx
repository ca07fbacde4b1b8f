import { useEffect, useState } from "react";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCappedCount } from "~/components/ui/pagination";
import { useCatchUp } from "~/realtime/use-catch-up";
import { useNotificationsLive } from "~/realtime/use-notifications-live";
import { useRootData } from "~/root";
import { languageNames, languages } from "~/utils/i18n";
import { ToastMessage } from "./toast-message";

export function AppShell({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  if (rootData && i18n.language !== rootData.language) void i18n.changeLanguage(rootData.language);
  // Until they confirm their address, a signed-in person gets only the language and signing out.
  const viewer = rootData?.viewer?.emailConfirmed ? rootData.viewer : null;
  const signedIn = Boolean(rootData?.viewer);
  const here = `${location.pathname}${location.search}`;
  useNotificationsLive(viewer !== null);
  useCatchUp();
  const menu = useCollapsibleMenu(location.key);
  const cappedCount = useCappedCount();

  return (
    <>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="site-header" data-menu={menu.state}>
        <div className="site-header__bar">
          <Link to="/" className="brand">
            Concord
          </Link>
          <button
            type="button"
            className="site-menu-toggle button button--small button--quiet"
            aria-expanded={menu.state === "open"}
            aria-controls="site-menu"
            onClick={menu.toggle}
          >
            {t("common.nav.menu")}
          </button>
          <div id="site-menu" className="site-menu">
            {viewer ? (
              <nav aria-label={t("common.nav.label")} className="site-nav">
                <NavLink to="/" end>
                  {t("common.nav.home")}
                </NavLink>
                <NavLink to="/spaces">{t("common.nav.spaces")}</NavLink>
                <NavLink to="/organisations">{t("common.nav.organisations")}</NavLink>
                {viewer.canAdminister ? (
                  <NavLink to="/admin/organisations">{t("common.nav.admin")}</NavLink>
                ) : null}
                <NavLink to="/notifications">
                  {t("notifications.nav.link", { unread: cappedCount(viewer.unreadNotifications) })}
                </NavLink>
                <NavLink to="/settings">{t("common.nav.settings")}</NavLink>
              </nav>
            ) : null}
            <div className="site-header__tools">
              {viewer && viewer.memberships.length > 1 ? (
                <Form method="post" action="/resources/current-organisation" className="inline-form">
                  <input type="hidden" name="redirectTo" value={here} />
                  <label htmlFor="organisation-switcher" className="visually-hidden">
                    {t("common.organisationSwitcher.label")}
                  </label>
                  <select
                    id="organisation-switcher"
                    name="organisationId"
                    defaultValue={rootData?.currentOrganisationId ?? undefined}
                    key={rootData?.currentOrganisationId ?? ""}
                  >
                    {viewer.memberships.map((membership) => (
                      <option key={membership.organisationId} value={membership.organisationId}>
                        {membership.organisationName}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="button button--small">
                    {t("common.organisationSwitcher.submit")}
                  </button>
                </Form>
              ) : null}
              <Form method="post" action="/resources/language" className="inline-form">
                <input type="hidden" name="redirectTo" value={here} />
                <label htmlFor="language-switcher" className="visually-hidden">
                  {t("common.languageSwitcher.label")}
                </label>
                <select
                  id="language-switcher"
                  name="language"
                  defaultValue={i18n.language}
                  key={i18n.language}
                >
                  {languages.map((code) => (
                    <option key={code} value={code} lang={code}>
                      {languageNames[code]}
                    </option>
                  ))}
                </select>
                <button type="submit" className="button button--small">
                  {t("common.languageSwitcher.submit")}
                </button>
              </Form>
              {signedIn ? (
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="button button--small button--quiet">
                    {t("common.signOut")}
                  </button>
                </Form>
              ) : (
                <Link to="/login" className="button button--small">
                  {t("common.signIn")}
                </Link>
              )}
            </div>
          </div>
        </div>
      </header>
      {rootData?.toast ? <ToastMessage toast={rootData.toast} /> : null}
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/**
 * On a phone the navigation and tools fold behind a menu button once the page runs JavaScript ("closed" or
 * "open"); without JavaScript, or before hydration, everything stays shown. A navigation folds it again.
 */
function useCollapsibleMenu(locationKey: string) {
  const [state, setState] = useState<"open" | "closed" | undefined>(undefined);
  useEffect(() => setState("closed"), [locationKey]);
  return { state, toggle: () => setState((current) => (current === "open" ? "closed" : "open")) };
}
