import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addMember, createPerson } from "../../prisma/factories/people";
import {
  browserAvailable,
  browserJourney,
  expectAccessible,
  expectNotReloaded,
  expectText,
  markWindow,
} from "../support/browser";
import { createConvenedSpace, createParticipantOrganisation } from "../../prisma/factories/spaces";

const dayMs = 24 * 60 * 60 * 1000;

describe.skipIf(!browserAvailable)("a consultation and its feedback loop in a real browser", () => {
  const journey = browserJourney();
  const { visit, signIn } = journey;

  async function newPage(email: string) {
    const page = await (await journey.browser.newContext()).newPage();
    await signIn(page, email);
    return page;
  }

  const prompts = {
    short: "In one line, what matters most to newcomers?",
    long: "Describe the barriers the people you serve meet",
    single: "Should the strategy keep the current service hubs?",
    multiple: "Which areas need more funding?",
    rating: "How well does the current strategy work?",
    ranking: "Rank these priorities",
    paragraphs: "Comment on the draft strategy",
  };
  const draftParagraphs = [
    "The partnership meets every quarter and publishes its minutes.",
    "Each member organisation names one delegate to the council.",
    "Settlement services are funded for three years at a time.",
  ];

  it("a convener builds and opens a consultation, two CSOs answer, and every input gets a published response", async () => {
    const stamp = Date.now();
    const { space, focalPoint } = await createConvenedSpace({
      space: { title: `Settlement strategy partnership ${stamp}` },
      convener: { name: `Ministry of Settlement ${stamp}`, verificationStatus: "verified" },
    });
    const csoA = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: `Newcomer Women's Network ${stamp}` },
    });
    const colleague = await createPerson({ name: "Nadia Karim", email: `nadia-${stamp}@women.example` });
    await addMember(colleague.id, csoA.organisation.id, { role: "member" });
    const csoB = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: `Youth Settlement Collective ${stamp}` },
    });

    // 1. The convener drafts the consultation.
    const convener = await newPage(focalPoint.email);
    await visit(convener, `/spaces/${space.id}/consultations`);
    await visit(convener, `/spaces/${space.id}/consultations/new`);
    const title = `Renewing the settlement strategy ${stamp}`;
    await convener.getByLabel("Title", { exact: true }).fill(title);
    await convener
      .getByLabel("Purpose", { exact: true })
      .fill("Hear from community organisations before the strategy is renewed.");
    await convener.getByLabel("What is open to change").fill("The priorities for the next three years.");
    await convener.getByLabel("What is not open to change").fill("The overall budget.");
    await convener.getByLabel("Who takes the decision").fill("The partnership council");
    const closes = new Date(Date.now() + 14 * dayMs).toISOString().slice(0, 10);
    await convener.getByLabel("Closing date").fill(closes);
    await convener.getByRole("button", { name: "Save draft and add questions" }).click();
    await convener.waitForURL((url) => url.pathname.endsWith("/questions"), { timeout: 10_000 });
    await expect.poll(() => convener.locator("h1").textContent()).toBe(title);
    await expectAccessible(convener);
    const consultationId = new URL(convener.url()).pathname.split("/")[2]!;
    const base = `/consultations/${consultationId}`;

    // … adds one question of each kind, each previewed as respondents will see it …
    const addQuestion = async (
      kind: string,
      prompt: string,
      fill: (form: Locator) => Promise<void> = async () => {},
      required = false,
    ) => {
      const adding = convener.getByRole("region", { name: "Add a question" });
      await adding
        .getByRole("navigation", { name: "Kinds of question" })
        .getByRole("link", { name: kind, exact: true })
        .click();
      await adding.getByRole("button", { name: "Add question" }).waitFor({ timeout: 10_000 });
      await adding.getByLabel("Question", { exact: true }).fill(prompt);
      if (required) await adding.getByLabel("An answer is required").check();
      await fill(adding);
      const before = await convener.getByRole("group", { name: "Preview" }).count();
      await adding.getByRole("button", { name: "Add question" }).click();
      await expect
        .poll(() => convener.getByRole("group", { name: "Preview" }).count(), { timeout: 10_000 })
        .toBe(before + 1);
      await expectText(convener, "Question added.");
      await expectAccessible(convener);
    };
    await addQuestion("Short text", prompts.short, undefined, true);
    await addQuestion("Long text", prompts.long, async (form) => {
      await form.getByLabel("Help text").fill("Housing, work, language: whatever you hear most.");
    });
    await addQuestion("Single choice", prompts.single, async (form) => {
      await form.getByLabel("Options").fill("Yes\nNo\nNot sure");
    });
    await addQuestion("Multiple choice", prompts.multiple, async (form) => {
      await form.getByLabel("Options").fill("Housing\nEmployment\nLanguage classes");
    });
    await addQuestion("Rating scale", prompts.rating, async (form) => {
      await form.getByLabel("Label of the lowest value").fill("Poorly");
      await form.getByLabel("Label of the highest value").fill("Very well");
    });
    await addQuestion("Ranking", prompts.ranking, async (form) => {
      await form.getByLabel("Options").fill("Housing\nEmployment\nHealth");
    });
    await addQuestion("Comments by paragraph", prompts.paragraphs, async (form) => {
      await form.getByLabel("Draft document").fill(draftParagraphs.join("\n\n"));
    });

    // … checks the previews …
    const previews = convener.getByRole("group", { name: "Preview" });
    expect(await previews.count()).toBe(7);
    await expect.poll(() => previews.nth(4).textContent()).toMatch(/Poorly.*Very well/);
    expect(await previews.nth(6).getByLabel("Comment on paragraph 3").isDisabled()).toBe(true);
    await visit(convener, `${base}/questions`);

    // … and opens it.
    await visit(convener, base);
    await convener.getByRole("button", { name: "Open the consultation" }).click();
    // It asks first, saying what opening will do.
    await expectText(convener, "Open the consultation now?");
    await expectText(convener, "will be notified.");
    await expectAccessible(convener);
    await convener.getByRole("button", { name: "Yes, open it now" }).click();
    await expectText(convener, "The consultation is open; its audience has been notified.");
    await expectAccessible(convener);

    // The convener keeps the results open.
    await visit(convener, `${base}/results`);
    await expectText(convener, "0 inputs submitted.");
    await markWindow(convener);

    // 2. CSO A's plain member drafts part of the input and saves it.
    const member = await newPage(colleague.email);
    await visit(member, `${base}/respond`);
    const memberInput = member.getByRole("region", { name: `Input of ${csoA.organisation.name}` });
    await expectText(memberInput, "Draft — not submitted yet.");
    const shortAnswer = "Affordable housing close to work.";
    const longAnswer = "Waiting lists for language classes are long, and credentials are not recognised.";
    await memberInput.getByLabel(prompts.short).fill(shortAnswer);
    await memberInput.getByLabel(prompts.long).fill(longAnswer);
    await memberInput.getByRole("group", { name: prompts.single }).getByLabel("Yes", { exact: true }).check();
    expect(await memberInput.getByRole("button", { name: /^Submit/ }).count()).toBe(0);
    await expectText(memberInput, "The lead delegate or an administrator");
    await memberInput.getByRole("button", { name: "Save draft" }).click();
    await expectText(member, "The draft is saved.");
    await expectAccessible(member);

    // CSO A's admin (the lead delegate) sees the colleague's answers, completes the rest and submits.
    const admin = await newPage(csoA.admin.email);
    await visit(admin, `${base}/respond`);
    const adminInput = admin.getByRole("region", { name: `Input of ${csoA.organisation.name}` });
    expect(await adminInput.getByLabel(prompts.short).inputValue()).toBe(shortAnswer);
    expect(await adminInput.getByLabel(prompts.long).inputValue()).toBe(longAnswer);
    expect(
      await adminInput
        .getByRole("group", { name: prompts.single })
        .getByLabel("Yes", { exact: true })
        .isChecked(),
    ).toBe(true);
    const multiple = adminInput.getByRole("group", { name: prompts.multiple });
    await multiple.getByLabel("Housing").check();
    await multiple.getByLabel("Language classes").check();
    await adminInput.getByRole("group", { name: prompts.rating }).getByLabel("2", { exact: true }).check();
    const ranking = adminInput.getByRole("group", { name: prompts.ranking });
    await ranking.getByLabel("Position 1").selectOption("Housing");
    await ranking.getByLabel("Position 2").selectOption("Health");
    await ranking.getByLabel("Position 3").selectOption("Employment");
    const paragraphComment = "Name two delegates, so that a member can always attend.";
    await adminInput
      .getByRole("group", { name: prompts.paragraphs })
      .getByLabel("Comment on paragraph 2")
      .fill(paragraphComment);
    await adminInput.getByRole("button", { name: `Submit on behalf of ${csoA.organisation.name}` }).click();
    await expectText(admin, "Version 1 of the input is submitted.");
    await expectText(
      admin.getByRole("region", { name: `Input of ${csoA.organisation.name}` }),
      /Submitted version 1 on/,
    );
    await expectAccessible(admin);

    // The convener's results page counts it without a reload.
    await expectText(convener, "1 input submitted.");
    await expectNotReloaded(convener);

    // 3. CSO B's admin submits aggregated community input.
    const csoBAdmin = await newPage(csoB.admin.email);
    await visit(csoBAdmin, `${base}/respond`);
    const aggregated = csoBAdmin.getByRole("region", { name: "Aggregated input from community members" });
    await expectText(aggregated, "Concord never asks about anyone's immigration status");
    await aggregated
      .getByLabel("How this input was gathered")
      .fill("We spoke with 40 young people at our drop-in centre over two evenings in March.");
    const aggregatedAnswer = "A place to study in the evenings.";
    await aggregated.getByLabel(prompts.short).fill(aggregatedAnswer);
    await aggregated.getByRole("group", { name: prompts.single }).getByLabel("Not sure").check();
    await aggregated
      .getByRole("button", {
        name: `Submit the aggregated input on behalf of ${csoB.organisation.name}`,
      })
      .click();
    await expectText(csoBAdmin, "Version 1 of the input is submitted.");
    await expectAccessible(csoBAdmin);

    // 4. The count rises live on the convener's open results page.
    await expectText(convener, "2 inputs submitted.");
    await expectText(convener, "1 of them is aggregated community input.");
    await expectNotReloaded(convener);
    await expectAccessible(convener);

    // 5. The convener closes the consultation, answers every input and publishes the feedback.
    await visit(convener, base);
    await convener.getByRole("button", { name: "Close the consultation" }).click();
    await expectText(convener, "2 inputs have been submitted");
    await expectText(convener, "its closing date becomes today");
    await expectAccessible(convener);
    await convener.getByRole("button", { name: "Yes, close it now" }).click();
    await expectText(convener, "The consultation is closed. Now answer every input.");
    await expectAccessible(convener);
    await convener
      .getByRole("navigation", { name: "Consultation" })
      .getByRole("link", { name: "Review" })
      .click();
    await convener.waitForURL((url) => url.pathname.endsWith("/review"), { timeout: 10_000 });
    await expectText(convener, "0 of 2 inputs answered");
    await expectAccessible(convener);

    const respondTo = async (heading: string, outcome: string, explanation: string, change = "") => {
      await convener
        .getByRole("listitem")
        .filter({ has: convener.getByRole("heading", { name: heading, exact: true }) })
        .getByLabel("Select for the response below")
        .check();
      const form = convener.getByRole("region", { name: "Respond to the selected inputs" });
      await form.getByLabel("Outcome").selectOption({ label: outcome });
      await form.getByLabel("Explanation").fill(explanation);
      if (change) await form.getByLabel("Change made:").fill(change);
      await form.getByRole("button", { name: "Respond to the selected inputs" }).click();
      await expectText(convener, "The response is saved.");
      await expectAccessible(convener);
    };
    const explanationA =
      "Housing comes first in the renewed strategy, and the council will have two delegates per member.";
    const changeA = "Paragraph 2 now lets each member name two delegates.";
    await respondTo(csoA.organisation.name, "Partly accepted", explanationA, changeA);
    await expectText(convener, "1 of 2 inputs answered");
    await respondTo(
      `Aggregated community input from ${csoB.organisation.name}`,
      "Accepted",
      "Two community libraries will open study rooms in the evenings.",
      "Evening study rooms are added to the youth priority.",
    );
    await expectText(convener, "2 of 2 inputs answered");
    await convener.getByRole("button", { name: "Preview and publish the report" }).click();
    await convener.waitForURL((url) => url.pathname.endsWith("/report"), { timeout: 10_000 });
    await expectText(convener, "Preview: not published yet");
    await expectText(convener, "2 respondent organisations");
    await expectAccessible(convener);
    await convener.getByRole("button", { name: "Publish the report now" }).click();
    await expectText(convener, "The feedback report is published");
    await expectAccessible(convener);

    // 6. CSO A's admin reads the response to its own input in the report and on the organisation's page.
    await visit(admin, `${base}/report`);
    const ownEntry = admin
      .getByRole("listitem")
      .filter({ has: admin.getByRole("heading", { name: csoA.organisation.name, exact: true }) });
    await expectText(ownEntry, shortAnswer);
    await expectText(ownEntry, explanationA);
    await expectText(ownEntry, changeA);
    await expectText(admin, "Aggregated, anonymous community input");

    await visit(admin, `/organisations/${csoA.organisation.id}`);
    const ourInputs = admin.getByRole("region", { name: "Our consultation inputs" });
    await expectText(ourInputs, "1 of our 1 input got an answer.");
    await expectText(ourInputs, title);
    await expectText(ourInputs, "Partly accepted");
    await expectText(ourInputs, explanationA);

    for (const page of [convener, member, admin, csoBAdmin]) await page.context().close();
  }, 240_000);
});
