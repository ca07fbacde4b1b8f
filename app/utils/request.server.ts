import type { AppLoadContext } from "@remix-run/node";

/** The client's address and browser, as the Express server saw them (honouring TRUST_PROXY). */
export function clientOf(request: Request, context: AppLoadContext) {
  return {
    ipAddress: context.clientAddress || "unknown",
    userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 300),
  };
}
