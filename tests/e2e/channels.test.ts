import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { generalChannel } from "~/modules/channels/queries.server";
import { db } from "~/utils/db.server";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";
import {
  browserAvailable,
  browserJourney,
  controlConnection,
  expectAccessible,
  expectText,
} from "../support/browser";

/*
 * A CSO delegate and a convener talk in a space's channel in two browser contexts: messages and thread
 * replies arrive live; the delegate's connection drops while the convener writes, and everything written
 * meanwhile is there once it is back; a message sent while offline says "Not sent", keeps its text, and a
 * retry sends it once.
 */

/** Long enough for socket.io's reconnection back-off (at most 5 s, ±50 %), the catch-up and a send timeout. */
const backMs = 20_000;

async function say(page: Page, label: string, text: string, button: string) {
  await page.getByRole("textbox", { name: label, exact: true }).fill(text);
  await page.getByRole("button", { name: button, exact: true }).click();
}

describe.skipIf(!browserAvailable)("a space's channel in the browser", () => {
  const journey = browserJourney();

  it("carries messages and thread replies live, and misses nothing while a delegate is offline", async () => {
    const { space, focalPoint } = await createConvenedSpace({ space: { title: `Ottawa LIP ${Date.now()}` } });
    const { admin: delegate } = await createParticipantOrganisation(space.id, "INVOLVE", {
      organisation: { name: "Ottawa Newcomer Services" },
    });
    const channel = await generalChannel(space.id);
    const path = `/spaces/${space.id}/channels/${channel.id}`;

    const delegateContext = await journey.browser.newContext();
    const connection = await controlConnection(delegateContext);
    const delegatePage = await delegateContext.newPage();
    await journey.signIn(delegatePage, delegate.email);
    await journey.visit(delegatePage, `/spaces/${space.id}`);
    await delegatePage.getByRole("link", { name: "Channel", exact: true }).click();
    await journey.visit(delegatePage, path);

    const convenerContext = await journey.browser.newContext();
    const convenerPage = await convenerContext.newPage();
    await journey.signIn(convenerPage, focalPoint.email);
    await journey.visit(convenerPage, path);

    await say(delegatePage, "Message", "We can host the **next** session.", "Send");
    const bold = convenerPage.locator(".message strong", { hasText: "next" });
    await bold.waitFor({ timeout: backMs });
    await expectText(delegatePage, "We can host the");
    await expect.poll(() => delegatePage.getByText("Sending…").count()).toBe(0);

    // The convener answers in the message's thread; the delegate's page counts the reply live.
    await convenerPage.getByRole("link", { name: "Reply in a thread" }).click();
    await convenerPage.getByRole("heading", { name: "Thread" }).waitFor();
    await expectAccessible(convenerPage);
    await say(convenerPage, "Reply", "Thursday at the library works.", "Send the reply");
    await expectText(convenerPage, "Thursday at the library works.");
    await delegatePage.getByRole("link", { name: "1 reply" }).waitFor({ timeout: backMs });

    // Offline while the convener writes three messages: all three are there once back, in order.
    await delegateContext.setOffline(true);
    await connection.cut();
    for (const text of ["First while away", "Second while away", "Third while away"])
      await say(convenerPage, "Message", text, "Send");
    await expectText(convenerPage, "Third while away");

    // A message sent while offline is not lost: "Not sent", the text kept, and a retry sends it once.
    await say(delegatePage, "Message", "Written on the train", "Send");
    await expectText(delegatePage, "Not sent.", backMs);
    await delegateContext.setOffline(false);
    connection.restore();
    for (const text of ["First while away", "Second while away", "Third while away"])
      await expectText(delegatePage, text, backMs);
    const texts = await delegatePage.locator(".message-list > .message .message__body").allTextContents();
    expect(texts.filter((text) => text.endsWith("while away"))).toEqual([
      "First while away",
      "Second while away",
      "Third while away",
    ]);
    await delegatePage.getByRole("button", { name: "Retry" }).click();
    await convenerPage.getByText("Written on the train").waitFor({ timeout: backMs });
    await expect.poll(() => delegatePage.getByRole("button", { name: "Retry" }).count()).toBe(0);
    expect(
      await db().channelMessage.count({ where: { channelId: channel.id, body: "Written on the train" } }),
    ).toBe(1);
    await expectAccessible(delegatePage);
    await expectAccessible(convenerPage);

    await delegateContext.close();
    await convenerContext.close();
  });

  it("loads older messages in place above the newest ones", async () => {
    const { space, convener, focalPoint } = await createConvenedSpace({
      space: { title: `History table ${Date.now()}` },
    });
    const channel = await generalChannel(space.id);
    await db().channelMessage.createMany({
      data: Array.from({ length: 60 }, (_, index) => ({
        channelId: channel.id,
        seq: index + 1,
        authorId: focalPoint.id,
        organisationId: convener.id,
        body: `History message ${index + 1}`,
        clientKey: `history-${channel.id}-${index}`,
      })),
    });
    await db().channel.update({ where: { id: channel.id }, data: { lastSeq: 60 } });
    const context = await journey.browser.newContext();
    const page = await context.newPage();
    await journey.signIn(page, focalPoint.email);
    const path = `/spaces/${space.id}/channels/${channel.id}`;
    await journey.visit(page, path);
    await expectText(page, "History message 60");
    expect(
      await page
        .getByRole("paragraph")
        .filter({ hasText: /^History message 5$/ })
        .count(),
    ).toBe(0);
    // Wait for the live connection, so the link loads in place rather than as a page.
    await page.waitForFunction(() => document.querySelector("[data-live-channel]") !== null);
    await page.getByRole("link", { name: "Older messages" }).click();
    await page
      .getByRole("paragraph")
      .filter({ hasText: /^History message 5$/ })
      .waitFor();
    await expectText(page, "History message 60");
    expect(new URL(page.url()).pathname).toBe(path);
    expect(new URL(page.url()).search).toBe("");
    await expectAccessible(page);
    await context.close();
  });
});
