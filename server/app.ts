import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { pinoHttp } from "pino-http";
import { isDatabaseReachable } from "~/utils/db.server";
import { allowedOrigins, env, isSecureOrigin } from "~/utils/env.server";
import { requestScope } from "~/utils/request-scope.server";
import type { Logger } from "./logger";
import { attachRealtime, type Realtime } from "./realtime";
import { createRemixHandler } from "./remix-handler";
import { cspNonce, limitBodySize, requireFormBody, requireSameOrigin, securityHeaders } from "./security";

const root = path.resolve(import.meta.dirname, "..");

export type ConcordServer = { httpServer: HttpServer; realtime: Realtime };

/** One HTTP server for the Remix pages and socket.io, with the security middleware in front of both. */
export function createConcordServer({
  build,
  logger,
}: {
  build: ServerBuild;
  logger: Logger;
}): ConcordServer {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env().TRUST_PROXY);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url?.startsWith("/build/") ?? false },
    }),
  );
  app.use(compression());

  app.get("/healthz", async (_req, res) => {
    const database = await isDatabaseReachable();
    res.status(database ? 200 : 503).json({ status: database ? "ok" : "unavailable", database });
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.use(cspNonce);
  app.use(securityHeaders({ secure: isSecureOrigin() }));
  app.use(requireSameOrigin(allowedOrigins));
  app.use(requireFormBody);
  app.use(limitBodySize());

  const handleRemix = createRemixHandler({
    build,
    mode: env().NODE_ENV,
    publicOrigin: () => env().PUBLIC_ORIGIN,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      requestId: String(req.id),
      clientAddress: req.ip ?? "",
    }),
  });
  app.all("*", (req, res, next) => requestScope().run(new Map(), () => handleRemix(req, res, next)));

  const httpServer = createServer(app);
  const realtime = attachRealtime(httpServer, logger);
  return { httpServer, realtime };
}
