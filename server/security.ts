import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { isFormContentType } from "~/utils/forms.server";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const allowedMethods = new Set([...safeMethods, "POST", "PUT", "DELETE"]);

/** 1 MiB: forms carry text; file uploads will get their own route and limit. */
export const maxBodyBytes = 1024 * 1024;

/** 11 MiB for the one form that carries a file: a space update with its document (at most 10 MB). */
export const maxUploadBodyBytes = 11 * 1024 * 1024;
const uploadPaths = /^\/spaces\/[^/]+\/updates(?:\.data)?$/;

/** The body limit of a request path: the upload limit on the update-publishing route, 1 MiB elsewhere. */
export function bodyLimitFor(path: string) {
  return uploadPaths.test(path) ? maxUploadBodyBytes : maxBodyBytes;
}

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

export function securityHeaders({ secure }: { secure: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        ...(secure ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 15552000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: "deny" },
  });
}

/**
 * State changes come only as POST, PUT or DELETE from our own pages: the Origin header must be one we serve
 * (SameSite cookies are the first line against cross-site posts; this is the second).
 */
export function requireSameOrigin(allowedOrigins: () => string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!allowedMethods.has(req.method)) {
      res
        .status(405)
        .set("Allow", [...allowedMethods].join(", "))
        .type("text/plain")
        .send("Method Not Allowed");
      return;
    }
    if (safeMethods.has(req.method)) return next();
    const origin = req.get("Origin");
    if (!origin || !allowedOrigins().includes(origin)) {
      req.log?.warn({ origin }, "refused a state-changing request from a foreign origin");
      res.status(403).type("text/plain").send("Forbidden: this form was not sent from Concord.");
      return;
    }
    next();
  };
}

/**
 * State changes come as forms: what Concord's pages post, with or without JavaScript (Remix's fetchers and
 * its single-fetch `.data` requests send the same two types). Any other body — JSON, XML, text, none — is
 * refused here with 415, before it reaches an action.
 */
export function requireFormBody(req: Request, res: Response, next: NextFunction) {
  if (safeMethods.has(req.method) || isFormContentType(req.get("Content-Type"))) return next();
  res
    .status(415)
    .set("Accept-Post", "application/x-www-form-urlencoded, multipart/form-data")
    .type("text/plain")
    .send(
      "Unsupported Media Type: Concord accepts forms (application/x-www-form-urlencoded or multipart/form-data).",
    );
}

/** Bodies must state their length (browsers always do for forms) and stay under the limit. */
export function limitBodySize(limitFor: (path: string) => number = bodyLimitFor) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next();
    const limit = limitFor(req.path);
    const declared = req.get("Content-Length");
    const chunked = req.get("Transfer-Encoding") !== undefined;
    if (chunked && declared === undefined) {
      res.status(411).type("text/plain").send("Length Required");
      return;
    }
    if (declared !== undefined && Number(declared) > limit) {
      res.status(413).type("text/plain").send("Payload Too Large");
      return;
    }
    next();
  };
}
