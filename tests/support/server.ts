import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { resetEnvCache } from "~/utils/env.server";
import { defaultTestPassword } from "../../prisma/factories/people";
import { createConcordServer, type ConcordServer } from "../../server/app";
import type { RealtimeOptions } from "../../server/realtime";
import { createLogger } from "../../server/logger";
import { connectSharedState } from "../../server/shared-state";

export type TestServer = ConcordServer & { origin: string; close: () => Promise<void> };

/** A real Concord server (Remix build, Express, socket.io) on an ephemeral port of this machine. */
export async function startTestServer(realtime?: RealtimeOptions): Promise<TestServer> {
  const buildPath = path.resolve(import.meta.dirname, "../../build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  await connectSharedState();
  const server = createConcordServer({ build, logger: createLogger("silent"), realtime });
  await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  process.env.PUBLIC_ORIGIN = origin;
  resetEnvCache();
  return {
    ...server,
    origin,
    close: async () => {
      await server.realtime.close();
      server.httpServer.closeAllConnections();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

/** A cookie-keeping HTTP client that posts forms the way a browser on Concord's own pages does. */
export class Browserless {
  private readonly cookies = new Map<string, string>();

  private readonly headers: Record<string, string>;

  /**
   * Each client comes from its own address (the test server trusts X-Forwarded-For), so the per-address
   * sign-in limit of one test never spills into another.
   */
  constructor(
    readonly origin: string,
    headers: Record<string, string> = {},
  ) {
    this.headers = {
      "X-Forwarded-For": `2001:db8::${randomBytes(4)
        .toString("hex")
        .replace(/(.{4})/, "$1:")}`,
      ...headers,
    };
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(pathname: string, init: RequestInit = {}) {
    const response = await fetch(new URL(pathname, this.origin), {
      ...init,
      redirect: "manual",
      headers: { ...this.headers, Cookie: this.cookieHeader(), ...(init.headers as Record<string, string>) },
    });
    this.keepCookies(response);
    return response;
  }

  async post(pathname: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.postBody(pathname, new URLSearchParams(form), {
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    });
  }

  /**
   * Posts any body from Concord's origin with the session: a FormData as a browser sends a multipart form, or
   * bytes with whatever Content-Type the headers give (none when they give none).
   */
  async postBody(pathname: string, body: BodyInit, headers: Record<string, string> = {}) {
    const response = await fetch(new URL(pathname, this.origin), {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Origin: this.origin, ...this.headers, Cookie: this.cookieHeader(), ...headers },
    });
    this.keepCookies(response);
    return response;
  }

  /** Follows the redirect a successful form post answers with, and returns the page it lands on. */
  async landOn(response: Response): Promise<string> {
    if (response.status !== 302)
      throw new Error(`expected a redirect, got ${response.status}: ${await response.text()}`);
    return (await this.get(response.headers.get("Location") ?? "")).text();
  }

  static async signedIn(origin: string, email: string, password = defaultTestPassword) {
    const client = new Browserless(origin);
    await client.signIn(email, password);
    return client;
  }

  async signIn(email: string, password: string) {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`sign-in failed with ${response.status}`);
    return response;
  }
}
