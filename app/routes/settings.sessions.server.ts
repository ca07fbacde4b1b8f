import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { revokeSessionSchema } from "~/modules/auth/schema";
import { blankSessionCookie, requireActor } from "~/modules/auth/session.server";
import { listOwnSessions, revokeOtherSessions, revokeSession } from "~/modules/auth/sessions.server";
import { DomainError } from "~/utils/errors";
import { readForm } from "~/utils/forms.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const list = await listOwnSessions(actor, new URL(request.url));
  return listPageData(
    {
      pages: list.links,
      sessions: list.sessions.map(({ userAgent, ...session }) => ({
        ...session,
        ...describeUserAgent(userAgent),
      })),
    },
    list.links,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "revoke-others") {
    await revokeOtherSessions(actor);
    throw await redirectWithToast(page, { kind: "success", message: "settings.sessions.othersRevoked" });
  }
  const parsed = revokeSessionSchema.safeParse(Object.fromEntries(formData));
  const revoked = parsed.success
    ? await revokeSession(actor, parsed.data.sessionId).catch((error: unknown) => {
        if (error instanceof DomainError) return null;
        throw error;
      })
    : null;
  if (!revoked) {
    throw await redirectWithToast(page, { kind: "error", message: "settings.sessions.notFound" });
  }
  if (revoked.wasCurrent) throw redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
  throw await redirectWithToast(page, { kind: "success", message: "settings.sessions.revoked" });
}

const page = "/settings/sessions";

function describeUserAgent(userAgent: string) {
  const find = (patterns: Array<[RegExp, string]>) =>
    patterns.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return { browser: find(browsers), system: find(systems) };
}

// First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari", iPhones say "like Mac OS X".
const browsers: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bChrome\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const systems: Array<[RegExp, string]> = [
  [/\bWindows\b/, "Windows"],
  [/\biPhone|\biPad|\biPod/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];
