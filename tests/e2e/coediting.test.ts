import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addMember, createPerson } from "../../prisma/factories/people";
import { browserAvailable, browserJourney, expectAccessible, expectText } from "../support/browser";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";

const dayMs = 24 * 60 * 60 * 1000;

describe.skipIf(!browserAvailable)("two colleagues co-editing one shared draft in real browsers", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  it("shows who is on which question, brings saved changes in live, and settles a conflict side by side", async () => {
    const stamp = Date.now();
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: `Newcomer Women Collective ${stamp}` },
    });
    const nadia = await createPerson({ name: "Nadia Haddad", email: `nadia-${stamp}@women.example` });
    const omar = await createPerson({ name: "Omar Diallo", email: `omar-${stamp}@women.example` });
    await addMember(nadia.id, organisation.id);
    await addMember(omar.id, organisation.id);
    const consultation = await db().consultation.create({
      data: {
        spaceId: space.id,
        title: `Settlement strategy ${stamp}`,
        purpose: "What should the strategy change?",
        status: "open",
        openedAt: new Date(),
        closesAt: new Date(Date.now() + 10 * dayMs),
        feedbackDueAt: new Date(Date.now() + 40 * dayMs),
        createdById: focalPoint.id,
      },
    });
    for (const [position, prompt] of ["What works well?", "What should change?"].entries())
      await db().consultationQuestion.create({
        data: {
          consultationId: consultation.id,
          position,
          kind: "long_text",
          prompt,
          required: false,
          options: "[]",
        },
      });
    const url = `/consultations/${consultation.id}/respond`;

    // Two people, each in their own browser context.
    const open = async (email: string) => {
      const page = await (await journey.browser.newContext()).newPage();
      await signIn(page, email);
      await visit(page, url);
      return page;
    };
    const nadiaPage = await open(nadia.email);
    const omarPage = await open(omar.email);
    const field = (page: typeof nadiaPage, prompt: string) => page.getByLabel(prompt).first();

    // Omar is on Q2: Nadia's page says so.
    await field(omarPage, "What should change?").focus();
    await expectText(nadiaPage, "Omar Diallo is on this question");
    await expectText(nadiaPage, "Also editing now: Omar Diallo");

    // Nadia writes Q1; it autosaves and appears on Omar's page, where what he types in Q2 stays.
    await field(omarPage, "What should change?").fill("Omar is still typing here");
    await field(nadiaPage, "What works well?").fill("Nadia's words about the welcome desk.");
    await field(nadiaPage, "What works well?").blur();
    await expectText(nadiaPage, /Saved at/);
    await expect
      .poll(() => field(omarPage, "What works well?").inputValue(), { timeout: 10_000 })
      .toBe("Nadia's words about the welcome desk.");
    expect(await field(omarPage, "What should change?").inputValue()).toBe("Omar is still typing here");

    // Omar is on Q1 when Nadia changes it again: his field keeps what he has, and when he types, his
    // autosave meets Nadia's newer answer — a conflict, shown side by side.
    await expectText(omarPage, /Saved at/);
    await field(omarPage, "What works well?").focus();
    await field(nadiaPage, "What works well?").fill("Nadia's second thoughts.");
    await field(nadiaPage, "What works well?").blur();
    await expectText(nadiaPage, /Saved at/);
    await expect
      .poll(
        () =>
          db()
            .submission.findFirstOrThrow({
              where: { consultationId: consultation.id, organisationId: organisation.id },
            })
            .then((submission) => Object.values(JSON.parse(submission.answers) as Record<string, string>)),
        { timeout: 10_000 },
      )
      .toContain("Nadia's second thoughts.");
    await field(omarPage, "What works well?").fill("Omar's version of the answer.");
    await expectText(omarPage, /Nadia Haddad changed this answer at/);
    const conflict = omarPage.getByRole("group", { name: /Nadia Haddad changed this answer at/ });
    expect(await conflict.getByLabel("What works well?").nth(1).inputValue()).toBe(
      "Nadia's second thoughts.",
    );
    expect(await field(omarPage, "What works well?").inputValue()).toBe("Omar's version of the answer.");
    await expectAccessible(omarPage);

    // He keeps his: it is saved, and Nadia's page, off that field, shows it live.
    await conflict.getByRole("button", { name: "Keep mine" }).click();
    await expectText(omarPage, "The draft is saved.");
    await expect
      .poll(() => field(nadiaPage, "What works well?").inputValue(), { timeout: 10_000 })
      .toBe("Omar's version of the answer.");
    const stored = await db().submission.findFirstOrThrow({
      where: { consultationId: consultation.id, organisationId: organisation.id },
    });
    expect(Object.values(JSON.parse(stored.answers) as Record<string, string>).sort()).toEqual([
      "Omar is still typing here",
      "Omar's version of the answer.",
    ]);
    await expectAccessible(nadiaPage);
  });
});
