import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { i18n as I18n } from "i18next";
import { createI18n, defaultLanguage, isLanguage, type Language } from "~/utils/i18n";
import { loggablePath } from "~/utils/loggable-path";
import { NonceContext } from "~/utils/nonce";
import { toWebStream } from "~/utils/streams.server";

export const streamTimeout = 5000;

// One i18next instance per language serves every request in that language: the catalogues never change
// while the server runs, and building an instance per request showed in the profile.
const i18nInstances = new Map<Language, I18n>();
function i18nFor(language: Language): I18n {
  let instance = i18nInstances.get(language);
  if (!instance) i18nInstances.set(language, (instance = createI18n(language)));
  return instance;
}

/** Unexpected errors are logged as JSON with the request id; the person sees the generic error page. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted || error instanceof Response || isRouteErrorResponse(error)) return;
  const detail =
    error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
  console.error(
    JSON.stringify({
      level: 50,
      time: new Date().toISOString(),
      msg: "request failed",
      reqId: context.requestId,
      path: loggablePath(new URL(request.url).pathname),
      ...detail,
    }),
  );
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { language?: unknown } | undefined;
  const i18n = i18nFor(isLanguage(rootData?.language) ? rootData.language : defaultLanguage);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(toWebStream(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
