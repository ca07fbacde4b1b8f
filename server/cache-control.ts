import { lucia } from "~/modules/auth/lucia.server";
import { sessionTokenFromCookieHeader } from "~/modules/auth/session.server";

const privateResponse = "private, no-store";

/**
 * The Cache-Control of a Remix response (ADR 0010). Whatever a signed-in browser is served — pages, their
 * .data, resource routes such as downloads, error pages — and whatever signs a browser in or out is private
 * and never stored: after signing out, neither Back nor a shared proxy can show it again. Anything else is
 * checked again before reuse, unless its route chose otherwise. Static files never get here (server/app.ts).
 */
export function cacheControlFor(cookieHeader: string | undefined, response: Response): string {
  const sessionCookie = `${lucia().sessionCookieName}=`;
  const signedIn =
    sessionTokenFromCookieHeader(cookieHeader) !== null ||
    response.headers.getSetCookie().some((line) => line.startsWith(sessionCookie));
  return signedIn ? privateResponse : (response.headers.get("Cache-Control") ?? "no-cache");
}
