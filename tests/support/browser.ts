import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { defaultTestPassword } from "../../prisma/factories/people";
import type { RealtimeOptions } from "../../server/realtime";
import { startTestServer, type TestServer } from "./server";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Browser tests need Debian's chromium (.ci/run installs it). Without it they are skipped with a notice,
 * except in CI, where a missing browser must fail the run rather than pass it silently.
 */
export const browserAvailable = existsSync(chromiumPath);
if (!browserAvailable) {
  const message = `Browser tests need Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} Skipping them.`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** axe-core on the page as it is now: no serious or critical violation may remain. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
  expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Waits until the page shows `text` (a form's redirect has landed, or a live update has arrived). */
export async function expectText(page: Page | Locator, text: string | RegExp, timeout = 10_000) {
  await page.getByText(text).first().waitFor({ state: "visible", timeout });
}

/** Marks the page's window, so a later check can tell the page was updated live rather than reloaded. */
export async function markWindow(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { keptOpen?: boolean }).keptOpen = true;
  });
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { keptOpen?: boolean }).keptOpen)).toBe(true);
}

/**
 * A browser journey's shared setup: a real server and Chromium for the describe block, and the two steps
 * every journey takes — visiting a page (checked with axe) and signing in through the form.
 */
export function browserJourney(realtime?: RealtimeOptions) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(realtime);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const journey = {
    get server(): TestServer {
      if (!server) throw new Error("the journey's server is not started yet");
      return server;
    },
    get browser(): Browser {
      if (!browser) throw new Error("the journey's browser is not launched yet");
      return browser;
    },
    async visit(page: Page, path: string) {
      await page.goto(new URL(path, journey.server.origin).href);
      await expectAccessible(page);
    },
    async signIn(page: Page, email: string, password = defaultTestPassword) {
      await journey.visit(page, "/login");
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).last().click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await expectAccessible(page);
    },
  };
  return journey;
}

/**
 * The page's live connection, under the test's control. context.setOffline() fails the page's requests and
 * fires its offline event, but leaves open WebSockets alone; this cuts them, and refuses new ones and the
 * long-polling fallback, as a dropped network does.
 */
export async function controlConnection(context: BrowserContext) {
  let cutOff = false;
  /** How to close each open connection, on both sides: the page's and the server's. */
  const open = new Set<() => Promise<unknown>>();
  await context.routeWebSocket(/\/socket\.io\//, async (page) => {
    const server = page.connectToServer();
    // Closed while it is still connecting, the page's WebSocket fails with an error, as an unreachable
    // server's does (a socket merely closed before it opened would leave the client waiting for its timeout).
    if (cutOff) return server.close();
    const closeBoth = () => {
      open.delete(closeBoth);
      return Promise.allSettled([page.close(), server.close()]);
    };
    open.add(closeBoth);
    page.onClose(closeBoth);
    server.onClose(closeBoth);
  });
  await context.route(/\/socket\.io\//, (route) =>
    cutOff ? route.abort("internetdisconnected") : route.continue(),
  );
  return {
    async cut() {
      cutOff = true;
      await Promise.all([...open].map((closeBoth) => closeBoth()));
    },
    restore() {
      cutOff = false;
    },
  };
}
