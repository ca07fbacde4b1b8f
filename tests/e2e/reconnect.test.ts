import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { longAbsenceMs } from "~/realtime/use-catch-up";
import { db } from "~/utils/db.server";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";
import {
  browserAvailable,
  browserJourney,
  controlConnection,
  expectAccessible,
  expectNotReloaded,
  expectText,
  markWindow,
} from "../support/browser";
import { publishUpdateAs } from "../update-factories";

/*
 * An open space page that lost its connection shows, once it is back, everything published meanwhile and the
 * right notification count in the header, without anyone reloading it: replayed when the server still holds
 * the connection, read again when it does not, and read again when the tab returns after a long absence.
 */

const threeTitles = ["First while away", "Second while away", "Third while away"];
/** Long enough for socket.io's reconnection back-off (at most 5 s, ±50 %) and the page's revalidation. */
const backMs = 15_000;

/** Makes the tab hidden or visible, as switching to another tab (or back) does. */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((value) => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
    Object.defineProperty(document, "visibilityState", {
      configurable: true,
      get: () => (value ? "hidden" : "visible"),
    });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

function scenarios(journey: ReturnType<typeof browserJourney>) {
  /**
   * A participant reading a space's updates, with a connection the test controls; one update has already
   * arrived live, so the page is connected and watching the space. With `fakeClock`, the page's clock can
   * jump forward like a laptop's after its lid was closed.
   */
  async function readerOnUpdates({ fakeClock = false } = {}) {
    const stamp = Date.now();
    const { space, focalPoint } = await createConvenedSpace({
      space: { title: `Reconnecting table ${stamp}` },
    });
    const { admin: reader } = await createParticipantOrganisation(space.id, "INFORM");
    const context = await journey.browser.newContext();
    const connection = await controlConnection(context);
    if (fakeClock) await context.clock.install();
    const page = await context.newPage();
    await journey.signIn(page, reader.email);
    await journey.visit(page, `/spaces/${space.id}/updates`);
    await publishUpdateAs(focalPoint.id, space.id, "Before the drop");
    await expectText(page, "Before the drop");
    await expectNotifications(page, 1);
    await markWindow(page);
    const publishThree = async () => {
      for (const title of threeTitles) await publishUpdateAs(focalPoint.id, space.id, title);
    };
    return { page, context, connection, reader, publishThree };
  }

  async function expectNotifications(page: Page, unread: number, timeout = 10_000) {
    await page
      .getByRole("link", { name: `Notifications (${unread})` })
      .waitFor({ state: "visible", timeout });
  }

  /** All four updates, the count that goes with them, the same window, and still accessible. */
  async function expectCaughtUp(page: Page) {
    for (const title of threeTitles) await expectText(page, title, backMs);
    await expectNotifications(page, 4, backMs);
    await expectNotReloaded(page);
    await expectAccessible(page);
  }

  return { readerOnUpdates, expectCaughtUp };
}

describe.skipIf(!browserAvailable)(
  "an open page that was away, while the server holds its connection",
  () => {
    const journey = browserJourney();
    const { readerOnUpdates, expectCaughtUp } = scenarios(journey);

    it("shows the updates published while it was offline and the right count, once back online", async () => {
      const { page, context, connection, publishThree } = await readerOnUpdates();
      await context.setOffline(true);
      await connection.cut();
      await publishThree();
      await context.setOffline(false);
      connection.restore();
      // Back well within longAbsenceMs: the resumed connection's replayed events bring them.
      await expectCaughtUp(page);
      await context.close();
    });

    it("goes to the sign-in page once back online, when its session ended while it was offline", async () => {
      const { page, context, connection, reader } = await readerOnUpdates();
      await context.setOffline(true);
      await connection.cut();
      await db().session.deleteMany({ where: { userId: reader.id } });
      await context.setOffline(false);
      connection.restore();
      await page.waitForURL((url) => url.pathname === "/login", { timeout: backMs });
      await expectAccessible(page);
      await context.close();
    });

    it("reads the page again when the tab comes back from the background after a long time", async () => {
      const { page, context, connection, publishThree } = await readerOnUpdates({ fakeClock: true });
      // The connection stays down throughout: only the return to the tab can bring the updates.
      await connection.cut();
      await setHidden(page, true);
      await publishThree();
      await context.clock.fastForward(longAbsenceMs + 1_000);
      await setHidden(page, false);
      await expectCaughtUp(page);
      await context.close();
    });

    it("reads the page again when it comes back online after a long time", async () => {
      const { page, context, connection, publishThree } = await readerOnUpdates({ fakeClock: true });
      await connection.cut();
      await context.setOffline(true);
      await publishThree();
      await context.clock.fastForward(longAbsenceMs + 1_000);
      await context.setOffline(false);
      await expectCaughtUp(page);
      await context.close();
    });
  },
);

describe.skipIf(!browserAvailable)(
  "an open page that was away longer than the server holds its connection",
  () => {
    const recoveryWindowMs = 1_000;
    const journey = browserJourney({ recoveryWindowMs });
    const { readerOnUpdates, expectCaughtUp } = scenarios(journey);

    it("reads the page again as soon as its connection is back", async () => {
      const { page, connection, publishThree } = await readerOnUpdates();
      // Only the socket drops (no offline event), for longer than the window: the connection comes back new.
      await connection.cut();
      await publishThree();
      await page.waitForTimeout(recoveryWindowMs + 500);
      connection.restore();
      await expectCaughtUp(page);
      await page.context().close();
    });
  },
);
