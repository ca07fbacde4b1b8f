import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

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
