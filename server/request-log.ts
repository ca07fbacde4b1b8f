import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Response } from "express";
import { pinoHttp } from "pino-http";
import { loggablePath } from "~/utils/loggable-path";
import type { RequestScope } from "~/utils/request-scope.server";
import type { Logger } from "./logger";

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** Who was signed in, as the session lookup noted in the request's scope (server/app.ts keeps it in res.locals). */
function withPerson(res: ServerResponse, line: object) {
  const personId = ((res as Response).locals?.requestScope as RequestScope | undefined)?.personId;
  return personId ? { ...line, personId } : line;
}

/**
 * One line per request with an allow-list of fields: request id, method, path (tokens masked), status,
 * response time and the signed-in person. pino-http's standard serializers would write every header —
 * the session cookie among them — and the full URL; these write less, and cost less (ADR 0010).
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    serializers: {
      req: (req: LoggedRequest) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.originalUrl ?? req.url ?? ""),
      }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    genReqId: (req, res) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customSuccessObject: (_req, res, line) => withPerson(res, line),
    customErrorObject: (_req, res, _error, line) => withPerson(res, line),
    autoLogging: { ignore: (req) => req.url?.startsWith("/build/") ?? false },
  });
}
