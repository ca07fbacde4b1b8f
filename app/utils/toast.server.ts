import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { isSecureOrigin } from "./env.server";
import { cookieSecret } from "./secret.server";
import { singleton } from "./singleton.server";

export type Toast = { kind: "success" | "error" | "info"; message: string; values?: Record<string, string> };

function storage() {
  return singleton("toast-storage", () =>
    createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
      cookie: {
        name: "concord_toast",
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: isSecureOrigin(),
        secrets: [cookieSecret()],
      },
    }),
  );
}

/** Redirects after a successful form post and shows `toast` once on the next page (works without JavaScript). */
export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const session = await storage().getSession();
  session.flash("toast", toast);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await storage().commitSession(session));
  return redirect(url, { ...init, headers });
}

export async function takeToast(
  request: Request,
): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const session = await storage().getSession(request.headers.get("Cookie"));
  const toast = session.get("toast") ?? null;
  return { toast, setCookie: toast ? await storage().commitSession(session) : null };
}
