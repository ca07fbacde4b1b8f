import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createConvenedSpace } from "../../prisma/factories/spaces";
import { browserAvailable, browserJourney } from "../support/browser";

describe.skipIf(!browserAvailable)("publishing an update with a file in a real browser", () => {
  const journey = browserJourney();

  // Chromium writes these names quoted, with the quote as %22: Remix's parser refused "=" and ";" in them.
  it.each([
    { javaScript: true, fileName: 'budget=2027; "final".pdf' },
    { javaScript: false, fileName: "minutes; draft=2.pdf" },
  ])("takes a file named $fileName (JavaScript: $javaScript)", async ({ javaScript, fileName }) => {
    const { space, focalPoint } = await createConvenedSpace();
    // Signed in through the form (axe-checked, which needs scripts), then the session goes on with or without.
    const signingIn = await journey.browser.newContext();
    await journey.signIn(await signingIn.newPage(), focalPoint.email);
    const storageState = await signingIn.storageState();
    await signingIn.close();
    const context = await journey.browser.newContext({ javaScriptEnabled: javaScript, storageState });
    const page = await context.newPage();
    await page.goto(new URL(`/spaces/${space.id}/updates`, journey.server.origin).href);
    await page.getByLabel("Kind of update").selectOption("document");
    await page.getByLabel("Title", { exact: true }).fill("Budget lines for 2027");
    await page
      .getByLabel("Document (optional)")
      .setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: Buffer.from("%PDF") });
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("link", { name: fileName }).waitFor({ state: "visible", timeout: 10_000 });
    const update = await db().spaceUpdate.findFirstOrThrow({ where: { spaceId: space.id } });
    expect(update.fileName).toBe(fileName);
    await context.close();
  });
});
