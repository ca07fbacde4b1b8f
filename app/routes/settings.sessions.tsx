import { Form, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { DateText, useDateFormat } from "~/components/ui/date";
import type { loader } from "./settings.sessions.server";

export { loader, action } from "./settings.sessions.server";

function deviceName(t: TFunction, { browser, system }: { browser: string | null; system: string | null }) {
  if (browser && system) return t("settings.sessions.browserOnSystem", { browser, system });
  if (browser) return browser;
  if (system) return t("settings.sessions.unknownBrowserOnSystem", { system });
  return t("settings.sessions.unknownDevice");
}

export default function SessionsSettingsPage() {
  const { sessions, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const hasOthers =
    sessions.some((session) => !session.isCurrent) || pages.next !== null || pages.previous !== null;
  return (
    <div className="stack">
      <h2>{t("settings.sessions.title")}</h2>
      <p>{t("settings.sessions.lead")}</p>
      <InvalidCursorNotice links={pages} />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("settings.sessions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("settings.sessions.device")}</th>
              <th scope="col">{t("settings.sessions.ipAddress")}</th>
              <th scope="col">{t("settings.sessions.signedInAt")}</th>
              <th scope="col">{t("settings.sessions.expiresAt")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("settings.sessions.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => {
              const device = deviceName(t, session);
              return (
                <tr key={session.handle}>
                  <th scope="row">
                    {device}{" "}
                    {session.isCurrent ? (
                      <span className="badge">{t("settings.sessions.thisDevice")}</span>
                    ) : null}
                  </th>
                  <td>
                    <span dir="ltr">{session.ipAddress}</span>
                  </td>
                  <td>
                    <DateText value={session.createdAt} style="moment" />
                  </td>
                  <td>
                    <DateText value={session.expiresAt} style="moment" />
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="sessionId" value={session.handle} />
                      <button
                        type="submit"
                        className="button button--small button--danger"
                        aria-label={t("settings.sessions.signOutDevice", {
                          device,
                          date: formatDate(session.createdAt, "moment"),
                        })}
                      >
                        {t("settings.sessions.signOut")}
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination label={t("settings.sessions.pagination")} links={pages} kind="time" />
      {hasOthers ? (
        <Form method="post">
          <button type="submit" name="intent" value="revoke-others" className="button button--danger">
            {t("settings.sessions.signOutOthers")}
          </button>
        </Form>
      ) : (
        <p className="notice">{t("settings.sessions.noOthers")}</p>
      )}
    </div>
  );
}
