import Negotiator from "negotiator";
import { createCookie } from "@remix-run/node";
import type { Actor } from "~/modules/authorization/actor";
import { defaultLanguage, isLanguage, languages, type Language } from "./i18n";

export const languageCookie = createCookie("concord_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The person's own setting first, then the language cookie, then what the browser asks for. */
export async function resolveLanguage(request: Request, actor: Actor | null): Promise<Language> {
  if (isLanguage(actor?.locale)) return actor.locale;
  const fromCookie: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(fromCookie)) return fromCookie;
  const negotiator = new Negotiator({
    headers: { "accept-language": request.headers.get("Accept-Language") ?? "" },
  });
  const preferred = negotiator.language([...languages]);
  return isLanguage(preferred) ? preferred : defaultLanguage;
}
