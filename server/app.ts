import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isDatabaseReachable } from "~/utils/db.server";
import { allowedOrigins, env, isSecureOrigin } from "~/utils/env.server";
import { isRedisReachable, sharedRedis } from "~/utils/redis.server";
import { newRequestScope, requestScope } from "~/utils/request-scope.server";
import type { Logger } from "./logger";
import { attachRealtime, type Realtime, type RealtimeOptions } from "./realtime";
import { createRemixHandler } from "./remix-handler";
import { requestLogger } from "./request-log";
import { logSharedState } from "./shared-state";
import { cspNonce, limitBodySize, requireFormBody, requireSameOrigin, securityHeaders } from "./security";

const root = path.resolve(import.meta.dirname, "..");

export type ConcordServer = { httpServer: HttpServer; realtime: Realtime };

/** One HTTP server for the Remix pages and socket.io, with the security middleware in front of both. */
export function createConcordServer({
  build,
  logger,
  realtime: realtimeOptions,
}: {
  build: ServerBuild;
  logger: Logger;
  realtime?: RealtimeOptions;
}): ConcordServer {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env().TRUST_PROXY);

  app.use(requestLogger(logger));
  app.use(compression());
  // Before everything served, static files too: nosniff, CSP and the rest come with every response.
  app.use(cspNonce);
  app.use(securityHeaders({ secure: isSecureOrigin() }));

  // For a load balancer or an orchestrator: 503 when the database does not answer; "degraded" (still 200, the
  // process serves) when the Redis it shares with the other processes does not.
  app.get("/healthz", async (_req, res) => {
    const redis = sharedRedis();
    const [database, redisUp] = await Promise.all([
      isDatabaseReachable(),
      redis ? isRedisReachable(redis) : Promise.resolve(null),
    ]);
    const status = !database ? "unavailable" : redisUp === false ? "degraded" : "ok";
    res.status(database ? 200 : 503).json({ status, database, redis: redisUp ?? "not used" });
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.use(requireSameOrigin(allowedOrigins));
  app.use(requireFormBody);
  app.use(limitBodySize());

  const handleRemix = createRemixHandler({
    build,
    // Anything but development hides errors' messages and stacks from the pages and data it serves.
    mode: env().NODE_ENV === "development" ? "development" : "production",
    publicOrigin: () => env().PUBLIC_ORIGIN,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      requestId: String(req.id),
      clientAddress: req.ip ?? "",
    }),
  });
  app.all("*", (req, res, next) => {
    const scope = newRequestScope(req.headers["x-concord-socket"]);
    res.locals.requestScope = scope;
    requestScope().run(scope, () => handleRemix(req, res, next));
  });

  const httpServer = createServer(app);
  const realtime = attachRealtime(httpServer, logger, realtimeOptions);
  const stopLogging = logSharedState(sharedRedis(), logger);
  return {
    httpServer,
    realtime: {
      ...realtime,
      close: async () => {
        stopLogging();
        await realtime.close();
      },
    },
  };
}
