import type { ServerBuild } from "@remix-run/node";
import { isRefusal, type RefusalError } from "./errors";

const statusTexts = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
} as const;

/** The answer to a refusal: its status, which the root error boundary explains in the reader's language. */
export function refusalResponse(error: RefusalError): Response {
  return new Response(null, { status: error.status, statusText: statusTexts[error.status] });
}

type Handler = (...args: never[]) => unknown;

function answeringRefusals<F extends Handler | undefined>(handler: F): F {
  if (!handler) return handler;
  return (async (...args: Parameters<NonNullable<F>>) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw isRefusal(error) ? refusalResponse(error) : error;
    }
  }) as F;
}

/**
 * The one place where domain refusals become HTTP answers: every route's loader and action is wrapped, so
 * modules and routes throw RefusalError (notFound(), forbidden()) and never build Responses themselves.
 */
export function answerRefusals(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [
      id,
      {
        ...route,
        module: {
          ...route.module,
          loader: answeringRefusals(route.module.loader),
          action: answeringRefusals(route.module.action),
        },
      },
    ]),
  );
  return { ...build, routes };
}
