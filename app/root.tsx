import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppShell } from "~/components/layout/app-shell";
import { useReaderTimeZone } from "~/components/ui/date";
import { getActorWithCookie } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { unreadNotificationCount } from "~/modules/notifications/queries.server";
import stylesheet from "~/styles/app.css";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { defaultLanguage, textDirection, type Language } from "~/utils/i18n";
import { resolveLanguage } from "~/utils/i18n.server";
import { useNonce } from "~/utils/nonce";
import { readerTimeZone } from "~/utils/time-zone.server";
import { takeToast } from "~/utils/toast.server";
import { newFormSeed } from "~/utils/form-token.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getActorWithCookie(request);
  const actor = signedIn?.actor ?? null;
  const [language, { toast, setCookie }, organisationId, unreadNotifications] = await Promise.all([
    resolveLanguage(request, actor),
    takeToast(request),
    actor ? currentOrganisationId(request, actor) : null,
    actor ? unreadNotificationCount(actor.personId) : { count: 0, more: false },
  ]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (signedIn?.refreshedCookie) headers.append("Set-Cookie", signedIn.refreshedCookie);
  return data(
    {
      language,
      timeZone: readerTimeZone(request),
      // Each page render's forms carry a token made of this and their id (useFormToken): a form sent twice
      // creates once (app/utils/form-token.server.ts); the next render, after a post, gets a new one.
      formSeed: newFormSeed(),
      toast,
      currentOrganisationId: organisationId,
      viewer: actor && {
        personId: actor.personId,
        name: actor.name,
        emailConfirmed: signedIn?.emailConfirmed ?? false,
        canAdminister: can(actor, "platform.administer", null),
        unreadNotifications,
        memberships: actor.memberships.map(({ organisationId, organisationName, organisationStatus }) => ({
          organisationId,
          organisationName,
          organisationStatus,
        })),
      },
    },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const nonce = useNonce();
  const language: Language = rootData?.language ?? defaultLanguage;
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useReaderTimeZone();
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const messageKey =
    status === 404
      ? "common.errors.notFound"
      : status === 403
        ? "common.errors.forbidden"
        : status === 400 || status === 415
          ? "common.errors.badRequest"
          : status === 413
            ? "common.errors.tooLarge"
            : "common.errors.unexpected";
  return (
    <AppShell>
      <h1>{t(`${messageKey}.title`)}</h1>
      <p>{t(`${messageKey}.body`)}</p>
      <p>
        <a href="/">{t("common.errors.backHome")}</a>
      </p>
    </AppShell>
  );
}
