import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { cacheControlFor } from "./cache-control";
import { answerRefusals } from "~/utils/refusals.server";
import { toWebStream } from "~/utils/streams.server";

/**
 * Serves Remix from Express. It does what @remix-run/express does, except that response bodies are piped
 * with backpressure: that adapter writes each chunk without waiting for the socket to drain, so a slow
 * client downloading a large export would make the whole file pile up in the server's memory.
 */
export function createRemixHandler({
  build,
  mode,
  publicOrigin,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: string;
  /** The address people use (PUBLIC_ORIGIN): the only host Remix ever sees. */
  publicOrigin: () => string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handleRequest = createRequestHandler(answerRefusals(build), mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const request = toFetchRequest(req, res, new URL(publicOrigin()));
    if (!request) {
      res.status(400).type("text/plain").send("Bad Request: this address cannot be read.");
      return;
    }
    try {
      const response = await handleRequest(request, getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers.entries()) res.append(name, value);
      res.setHeader("Cache-Control", cacheControlFor(req.headers.cookie, response));
      if (!response.body) {
        res.end();
        return;
      }
      await pipeline(Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>), res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error as Error);
        return;
      }
      next(error);
    }
  };
}

/**
 * The Fetch API request Remix handles, or null when the request target is not a path. Its URL and Host are the
 * public origin's, whatever Host or X-Forwarded-Host the request came with behind a proxy: Remix builds
 * addresses from the URL, and before running an action it compares the Origin header with Host (or
 * X-Forwarded-Host) and throws (a 500) when they differ. Our own Origin check (requireSameOrigin in
 * server/security.ts, which also knows EXTRA_ORIGINS) runs first and has already refused every origin we do not
 * serve, so Remix is shown the public origin as the Origin of a request that passed it.
 */
function toFetchRequest(req: ExpressRequest, res: ExpressResponse, publicOrigin: URL): Request | null {
  if (!req.originalUrl.startsWith("/")) return null;
  const url = URL.parse(`${publicOrigin.origin}${req.originalUrl}`);
  if (!url) return null;
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined || name === "host" || name === "x-forwarded-host") continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  headers.set("Host", publicOrigin.host);
  if (headers.has("Origin")) headers.set("Origin", publicOrigin.origin);
  // Abort loaders and actions when the client goes away before the response is finished.
  const controller = new AbortController();
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => {
    if (!finished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = toWebStream(req);
    init.duplex = "half";
    // A body the route did not read to its end (it answered first: a 404, a redirect to sign in) is read and
    // dropped once the answer is sent, as Node does when nothing listens; left paused, it held the connection.
    res.once("finish", () => {
      if (req.readableEnded) return;
      req.removeAllListeners("data");
      req.resume();
    });
  }
  return new Request(url.href, init);
}
