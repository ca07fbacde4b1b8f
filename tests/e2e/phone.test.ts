import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation } from "../consultation-factories";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";
import { browserAvailable, browserJourney } from "../support/browser";

const phone = { width: 390, height: 844 };

/** How many CSS pixels the page is wider than the screen (0 when it does not scroll sideways). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!browserAvailable)("every main page on a phone, in English and in Arabic", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  let pages: string[] = [];
  let email = "";

  beforeAll(async () => {
    const { space, focalPoint } = await createConvenedSpace({
      space: { title: "Ottawa Local Immigration Partnership — settlement and integration sector tables" },
    });
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE", {
      organisation: { name: "Ottawa Community Immigrant Services Organization and Newcomer Women's Network" },
    });
    const unbroken = "x".repeat(4000);
    await db().concern.create({
      data: {
        spaceId: space.id,
        organisationId: organisation.id,
        raisedById: admin.id,
        text: unbroken,
        theme: "housing",
      },
    });
    await db().spaceUpdate.create({
      data: {
        spaceId: space.id,
        kind: "news",
        title: `Minutes ${unbroken.slice(0, 300)}`,
        body: unbroken,
        authorId: focalPoint.id,
        organisationId: (
          await db().spaceParticipant.findFirstOrThrow({ where: { spaceId: space.id, role: "convener" } })
        ).organisationId,
      },
    });
    const consultation = await createConsultation(space.id, focalPoint.id, {
      title: "Childcare during language classes",
      status: "open",
    });
    await addQuestion(consultation.id, "long_text", { prompt: "What would stop a family from using it?" });

    pages = [
      "/",
      "/spaces",
      `/spaces/${space.id}`,
      `/spaces/${space.id}/participants`,
      `/spaces/${space.id}/levels`,
      `/spaces/${space.id}/concerns`,
      `/spaces/${space.id}/updates`,
      `/spaces/${space.id}/consultations`,
      `/spaces/${space.id}/engagement`,
      `/spaces/${space.id}/promise`,
      `/consultations/${consultation.id}`,
      `/consultations/${consultation.id}/respond`,
      `/organisations/${organisation.id}`,
      "/notifications",
      "/settings",
    ];
    email = admin.email;
  });

  it.each(["en", "ar"] as const)(
    "fits the screen, folds the navigation behind a menu, and stays accessible (%s)",
    async (language) => {
      const page = await (await journey.browser.newContext({ viewport: phone, isMobile: true })).newPage();
      await signIn(page, email);
      const menu = page.getByRole("button", { name: "Menu" });
      await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
      await menu.click();
      expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
      if (language === "ar") {
        await page.getByRole("banner").getByLabel("Language").selectOption("ar");
        await page.getByRole("banner").getByRole("button", { name: "Change" }).click();
        await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
      }
      const misfits: string[] = [];
      for (const path of pages) {
        await visit(page, path);
        const overflow = await sidewaysOverflow(page);
        if (overflow > 0) misfits.push(`${path}: ${overflow}px wider than the screen`);
        const header = await page
          .locator(".site-header")
          .evaluate((element) => element.getBoundingClientRect().height);
        if (header > 120) misfits.push(`${path}: header ${header}px tall`);
      }
      expect(misfits).toEqual([]);
      await page.context().close();
    },
  );
});
