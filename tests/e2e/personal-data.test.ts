import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, createSubmittedInput } from "../consultation-factories";
import { browserAvailable, browserJourney, expectAccessible, expectText } from "../support/browser";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";

describe.skipIf(!browserAvailable)("the personal-data check on aggregated input, in a real browser", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  it("says what it finds as the author types, and refuses to submit it while it remains", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "CONSULT");
    const consultation = await createConsultation(space.id, focalPoint.id, { status: "open" });
    await addQuestion(consultation.id, "long_text", { prompt: "What should change?" });
    const page = await (await journey.browser.newContext()).newPage();
    await signIn(page, admin.email);
    await visit(page, `/consultations/${consultation.id}/respond`);

    const aggregated = page.locator(`#input-${organisation.id}-aggregated`);
    const answer = aggregated.getByLabel("What should change?");
    const typed = "Write to a.b@x.org; her neighbour is a refugee claimant.";
    await answer.fill(typed);
    await aggregated.getByLabel("How this input was gathered").fill("We met 40 women in March 2026.");
    // Found as it is typed, announced politely.
    const live = aggregated.locator(".respond-personal-data");
    expect(await live.getAttribute("aria-live")).toBe("polite");
    await expectText(live, "An e-mail address: a.b@x.org");
    await expectText(live, "Words about a person's immigration status: refugee claimant");
    await expect.poll(() => live.innerText()).not.toContain("40");
    await expectAccessible(page);

    await aggregated
      .getByRole("button", { name: /Submit the aggregated input/ })
      .click();
    await expectText(page, "Nothing was submitted: this aggregated input contains personal data");
    expect(await aggregated.getByLabel("What should change?").inputValue()).toBe(typed);
    await expectAccessible(page);
    const stored = await db().submission.findFirstOrThrow({
      where: { consultationId: consultation.id, organisationId: organisation.id, isAggregated: true },
    });
    expect(stored.status).toBe("draft");

    // Removed, the notice goes and the input is submitted.
    await answer.fill("The welcome centre helps.");
    await expect.poll(() => live.innerText()).toBe("");
    await aggregated
      .getByRole("button", { name: /Submit the aggregated input/ })
      .click();
    await expectText(page, "Version 1 of the input is submitted.");
  });

  it("shows the conveners what the report would show, and replaces a finding with [removed]", async () => {
    const dayMs = 24 * 60 * 60 * 1000;
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "CONSULT");
    const consultation = await createConsultation(space.id, focalPoint.id, {
      status: "closed",
      closesAt: new Date(Date.now() - dayMs),
      closedAt: new Date(Date.now() - dayMs),
    });
    const question = await addQuestion(consultation.id, "long_text", { prompt: "What should change?" });
    const input = await createSubmittedInput(
      consultation.id,
      organisation.id,
      admin.id,
      { [question.id]: "Childcare; call Amina at +1 514 555 0199." },
      { isAggregated: true, aggregatedNote: "We met 40 women." },
    );
    const page = await (await journey.browser.newContext()).newPage();
    await signIn(page, focalPoint.email);
    // The convener answers the input, as the review form posts it.
    const answered = await page.request.post(
      new URL(`/consultations/${consultation.id}/review`, journey.server.origin).href,
      {
        form: {
          intent: "respond",
          submissionIds: input.id,
          outcome: "not_accepted",
          explanation: "Childcare is funded by the province.",
        },
        headers: { Origin: journey.server.origin },
        maxRedirects: 0,
      },
    );
    expect(answered.status()).toBe(302);
    await visit(page, `/consultations/${consultation.id}/report`);
    await expectText(page, "Personal data in the report");
    await expectText(page, "A phone number: +1 514 555 0199");
    expect(await page.getByRole("button", { name: "Publish the report now" }).count()).toBe(0);

    await page.getByRole("button", { name: /Replace .\+1 514 555 0199. with/ }).click();
    await expectText(page, "The organisation was told.");
    await expectAccessible(page);
    await expectText(page, "Childcare; call Amina at [removed].");
    expect(await page.getByText("Personal data in the report").count()).toBe(0);
    await page.getByRole("button", { name: "Publish the report now" }).click();
    await expectText(page, "The feedback report is published");
    const stored = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(stored.status).toBe("published");
  });
});
