import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuestionOptions } from "~/modules/consultations/kinds";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, openConsultation } from "./consultation-factories";
import { createMember } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const dayMs = 24 * 60 * 60 * 1000;
/** A date `offset` days from today, as the date field sends it. */
const dayFromNow = (offset: number) => new Date(Date.now() + offset * dayMs).toISOString().slice(0, 10);
const endOfDay = (value: string) => new Date(new Date(`${value}T00:00:00Z`).getTime() + dayMs - 1);

/** A form with repeated fields (checkbox groups), posted as the browser does. */
const form = (entries: [string, string][]) => entries as unknown as Record<string, string>;

/** A space promising feedback at CONSULT within 45 days, a CONSULT and an INFORM participant, an outsider. */
async function setting(options: { promise?: boolean } = {}) {
  const { space, convener, focalPoint } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
  if (options.promise !== false)
    await db().spacePromise.create({
      data: {
        spaceId: space.id,
        level: "CONSULT",
        expectation: "We answer every input.",
        decisionMaker: "The council",
        feedbackDays: 45,
      },
    });
  const consulted = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Newcomer Women's Network" },
  });
  const informed = await createParticipantOrganisation(space.id, "INFORM");
  const outsider = await createMember();
  return {
    space,
    convener,
    focalPoint,
    consulted,
    informed,
    convenerClient: await Browserless.signedIn(server.origin, focalPoint.email),
    consultedClient: await Browserless.signedIn(server.origin, consulted.admin.email),
    informedClient: await Browserless.signedIn(server.origin, informed.admin.email),
    outsiderClient: await Browserless.signedIn(server.origin, outsider.person.email),
  };
}

function validConsultation(overrides: Record<string, string> = {}) {
  return {
    title: "Settlement strategy 2026",
    purpose: "Hear what newcomers need before we renew the strategy.",
    openToChange: "The three priorities.",
    notOpenToChange: "The budget envelope.",
    decision: "The strategy adopted in March.",
    decisionMaker: "The partnership council",
    background: "https://example.org/strategy.pdf\n\nhttps://example.org/data",
    languages: "en",
    audience: "participants",
    closesAt: dayFromNow(10),
    ...overrides,
  };
}

async function createThroughForm(client: Browserless, spaceId: string, fields = validConsultation()) {
  const response = await client.post(`/spaces/${spaceId}/consultations/new`, fields);
  expect(response.status).toBe(302);
  const id = /\/consultations\/([^/]+)\/questions$/.exec(response.headers.get("Location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return { id: id!, response };
}

describe("creating a consultation", () => {
  it("lets a convener create a draft whose feedback date defaults from the space's promise", async () => {
    const { space, convener, focalPoint, convenerClient } = await setting();
    const page = await (await convenerClient.get(`/spaces/${space.id}/consultations/new`)).text();
    expect(page).toContain("Leave empty to promise feedback 45 days after closing");

    const closesAt = dayFromNow(10);
    const response = await convenerClient.post(
      `/spaces/${space.id}/consultations/new`,
      form([
        ...Object.entries(validConsultation({ closesAt })).filter(([name]) => name !== "languages"),
        ["languages", "fr"],
        ["languages", "en"],
      ]),
    );
    const landed = await convenerClient.landOn(response);
    expect(landed).toContain("Draft “Settlement strategy 2026” saved");

    const consultation = await db().consultation.findFirstOrThrow({ where: { spaceId: space.id } });
    expect(consultation).toMatchObject({
      status: "draft",
      languages: "en,fr",
      audience: "participants",
      background: "https://example.org/strategy.pdf\nhttps://example.org/data",
      createdById: focalPoint.id,
    });
    expect(consultation.closesAt).toEqual(endOfDay(closesAt));
    expect(consultation.feedbackDueAt).toEqual(new Date(endOfDay(closesAt).getTime() + 45 * dayMs));

    const audit = await db().auditEvent.findFirstOrThrow({
      where: { spaceId: space.id, action: "consultation.created" },
    });
    expect(audit).toMatchObject({
      actorId: focalPoint.id,
      organisationId: convener.id,
      subjectType: "consultation",
      subjectId: consultation.id,
    });

    const overview = await (await convenerClient.get(`/consultations/${consultation.id}`)).text();
    expect(overview).toContain("Hear what newcomers need before we renew the strategy.");
    expect(overview).toContain("The budget envelope.");
    expect(overview).toContain("Decision taken by: The partnership council");
    expect(overview).toContain('<a href="https://example.org/strategy.pdf" rel="nofollow ugc noopener">');
    expect(overview).toContain("English, French");
    expect(overview).toContain("Open the consultation");
    expect(overview).toContain("Edit the consultation");
  });

  it("promises feedback 30 days after closing when the space has no promise at Consult, or on the date given", async () => {
    const { space, convenerClient } = await setting({ promise: false });
    const closesAt = dayFromNow(5);
    const { id } = await createThroughForm(convenerClient, space.id, validConsultation({ closesAt }));
    const consultation = await db().consultation.findUniqueOrThrow({ where: { id } });
    expect(consultation.feedbackDueAt).toEqual(new Date(endOfDay(closesAt).getTime() + 30 * dayMs));

    const given = await createThroughForm(
      convenerClient,
      space.id,
      validConsultation({ closesAt, feedbackDueAt: dayFromNow(20), opensAt: dayFromNow(1) }),
    );
    const withDate = await db().consultation.findUniqueOrThrow({ where: { id: given.id } });
    expect(withDate.feedbackDueAt).toEqual(endOfDay(dayFromNow(20)));
    expect(withDate.opensAt).toEqual(new Date(`${dayFromNow(1)}T00:00:00Z`));
  });

  it("puts a consultation to chosen organisations of the space that may answer it only", async () => {
    const { space, consulted, informed, convenerClient } = await setting();
    const stranger = await createMember();
    for (const organisation of [stranger.organisation, informed.organisation]) {
      const refused = await convenerClient.post(
        `/spaces/${space.id}/consultations/new`,
        validConsultation({ audience: "chosen", organisationIds: organisation.id }),
      );
      expect(refused.status).toBe(200);
      expect(await refused.text()).toContain(
        "Choose organisations that take part in this space at Consult or above: only they can answer.",
      );
    }
    const form = await (await convenerClient.get(`/spaces/${space.id}/consultations/new`)).text();
    expect(form).toContain(`value="${consulted.organisation.id}"`);
    expect(form).not.toContain(`value="${informed.organisation.id}"`);

    const none = await convenerClient.post(
      `/spaces/${space.id}/consultations/new`,
      validConsultation({ audience: "chosen" }),
    );
    expect(await none.text()).toContain("Choose at least one organisation.");

    const { id } = await createThroughForm(
      convenerClient,
      space.id,
      validConsultation({ audience: "chosen", organisationIds: consulted.organisation.id }),
    );
    const audience = await db().consultationAudience.findMany({ where: { consultationId: id } });
    expect(audience.map((row) => row.organisationId)).toEqual([consulted.organisation.id]);
  });

  it.each([
    ["an oversize title", { title: "x".repeat(201) }, "This is too long."],
    ["an oversize purpose", { purpose: "x".repeat(5001) }, "This is too long."],
    ["an oversize decision", { decision: "x".repeat(2001) }, "This is too long."],
    ["an oversize decision maker", { decisionMaker: "x".repeat(201) }, "This is too long."],
    [
      "a background line that is not an https link",
      { background: "https://example.org/a\njavascript:alert(1)" },
      "Line 2 is not a web address starting with https://.",
    ],
    ["a plain http link", { background: "http://example.org/a" }, "Line 1 is not a web address"],
    ["no language", { languages: "" }, "Offer at least one language."],
    ["a language not offered", { languages: "de" }, "Choose one of the options."],
    ["a closing date in the past", { closesAt: dayFromNow(-1) }, "The closing date must be in the future."],
    ["a closing date that is not a date", { closesAt: "next week" }, "Enter a date like 2025-06-30."],
    [
      "a closing date before the opening date",
      { opensAt: dayFromNow(12), closesAt: dayFromNow(10) },
      "The closing date must come after the opening date.",
    ],
    [
      "feedback promised before closing",
      { closesAt: dayFromNow(10), feedbackDueAt: dayFromNow(9) },
      "Feedback must be promised for a date after the closing date.",
    ],
    [
      "feedback promised on the closing day",
      { closesAt: dayFromNow(10), feedbackDueAt: dayFromNow(10) },
      "Feedback must be promised for a date after the closing date.",
    ],
  ])("refuses %s, keeping what was typed", async (_name, overrides, message) => {
    const { space, convenerClient } = await setting();
    const response = await convenerClient.post(
      `/spaces/${space.id}/consultations/new`,
      validConsultation(overrides),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(message);
    expect(page).toContain("The budget envelope.");
    expect(await db().consultation.count({ where: { spaceId: space.id } })).toBe(0);
  });

  it("lets conveners edit a draft, and no longer once it is open", async () => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id, { title: "Old title" });
    const saved = await convenerClient.post(
      `/consultations/${consultation.id}?index`,
      validConsultation({ intent: "update", title: "New title", closesAt: dayFromNow(3) }),
    );
    expect(await convenerClient.landOn(saved)).toContain("Consultation saved.");
    const updated = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(updated.title).toBe("New title");
    expect(updated.feedbackDueAt).toEqual(new Date(endOfDay(dayFromNow(3)).getTime() + 45 * dayMs));

    await openConsultation(consultation.id);
    const refused = await convenerClient.post(
      `/consultations/${consultation.id}?index`,
      validConsultation({ intent: "update", title: "Too late" }),
    );
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain("Only a draft consultation can be edited.");
    expect((await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } })).title).toBe(
      "New title",
    );
    expect(
      await db().auditEvent.count({ where: { subjectId: consultation.id, action: "consultation.updated" } }),
    ).toBe(1);
  });
});

describe("the form builder", () => {
  const questionsOf = (consultationId: string) =>
    db().consultationQuestion.findMany({ where: { consultationId }, orderBy: { position: "asc" } });

  it("adds one question of each kind and previews each as respondents will see it", async () => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id);
    const path = `/consultations/${consultation.id}/questions`;
    const add = async (fields: Record<string, string>) => {
      const response = await convenerClient.post(path, { intent: "add", ...fields });
      expect(await convenerClient.landOn(response)).toContain("Question added.");
    };

    await add({ kind: "short_text", prompt: "Your organisation's name in the community", required: "on" });
    await add({ kind: "long_text", prompt: "What works well?", help: "Think of the last year." });
    await add({ kind: "single_choice", prompt: "Do you agree?", choices: "Yes\n\n No \nNot sure" });
    await add({ kind: "multiple_choice", prompt: "Which services?", choices: "Housing\nJobs\nHealth" });
    await add({
      kind: "rating",
      prompt: "How satisfied are you?",
      min: "0",
      max: "10",
      minLabel: "Not at all",
    });
    await add({ kind: "ranking", prompt: "Rank the priorities", choices: "Housing\nJobs" });
    await add({
      kind: "paragraph_comments",
      prompt: "Comment on the draft",
      draft:
        "The partnership meets quarterly.\r\n\r\nEach member names\na delegate.\n\n \n\nDecisions are <b>public</b>.",
    });

    const questions = await questionsOf(consultation.id);
    expect(questions.map((question) => [question.position, question.kind])).toEqual([
      [1, "short_text"],
      [2, "long_text"],
      [3, "single_choice"],
      [4, "multiple_choice"],
      [5, "rating"],
      [6, "ranking"],
      [7, "paragraph_comments"],
    ]);
    expect(questions[0]!.required).toBe(true);
    expect(questions[1]).toMatchObject({ required: false, help: "Think of the last year." });
    const options = questions.map((question) => parseQuestionOptions(question.kind, question.options));
    expect(options[0]).toEqual({ kind: "short_text" });
    expect(options[2]).toEqual({ kind: "single_choice", choices: ["Yes", "No", "Not sure"] });
    expect(options[4]).toEqual({ kind: "rating", min: 0, max: 10, minLabel: "Not at all", maxLabel: "" });
    expect(options[5]).toEqual({ kind: "ranking", choices: ["Housing", "Jobs"] });
    expect(options[6]).toEqual({
      kind: "paragraph_comments",
      paragraphs: [
        "The partnership meets quarterly.",
        "Each member names\na delegate.",
        "Decisions are <b>public</b>.",
      ],
    });

    const page = await (await convenerClient.get(path)).text();
    expect(page).toContain("What works well?");
    expect(page).toContain("Think of the last year.");
    expect(page).toContain('value="Not sure"');
    expect(page).toContain("Not at all");
    expect(page).toContain("Position 2");
    expect(page).toContain("Comment on paragraph 3");
    expect(page).toContain("Decisions are &lt;b&gt;public&lt;/b&gt;.");
    expect(page).not.toContain("<b>public</b>");

    const audit = await db().auditEvent.count({
      where: { subjectId: consultation.id, action: "consultation.question-added" },
    });
    expect(audit).toBe(7);
  });

  it.each([
    [
      "a choice question with one option",
      { kind: "single_choice", choices: "Only" },
      "Give between 2 and 20 options",
    ],
    [
      "a choice question with 21 options",
      { kind: "multiple_choice", choices: Array.from({ length: 21 }, (_, i) => `Option ${i}`).join("\n") },
      "Give between 2 and 20 options",
    ],
    ["duplicate options", { kind: "ranking", choices: "Housing\nJobs\nhousing" }, "appears more than once"],
    [
      "an option over 200 characters",
      { kind: "single_choice", choices: `A\n${"b".repeat(201)}` },
      "at most 200",
    ],
    [
      "a rating whose lowest is not below its highest",
      { kind: "rating", min: "5", max: "5" },
      "must be greater",
    ],
    ["a rating beyond 10", { kind: "rating", min: "0", max: "11" }, "Choose a whole number from 0 to 10."],
    [
      "a rating label over 50 characters",
      { kind: "rating", min: "1", max: "5", maxLabel: "x".repeat(51) },
      "too long",
    ],
    ["a draft over 50,000 characters", { kind: "paragraph_comments", draft: "x".repeat(50_001) }, "too long"],
    ["no draft", { kind: "paragraph_comments" }, "This field is required."],
    ["an oversize prompt", { kind: "short_text", prompt: "x".repeat(501) }, "too long"],
    ["oversize help", { kind: "long_text", help: "x".repeat(1001) }, "too long"],
    ["an unknown kind", { kind: "essay" }, "Add a question"],
  ])("refuses %s", async (_name, fields, message) => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id);
    const response = await convenerClient.post(
      `/consultations/${consultation.id}/questions?add=${fields.kind}`,
      {
        intent: "add",
        prompt: "A question",
        ...fields,
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(message);
    expect(await db().consultationQuestion.count({ where: { consultationId: consultation.id } })).toBe(0);
  });

  it("edits, reorders and removes questions", async () => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id);
    const first = await addQuestion(consultation.id, "short_text", { prompt: "First" });
    const second = await addQuestion(consultation.id, "single_choice", { prompt: "Second" });
    const third = await addQuestion(consultation.id, "long_text", { prompt: "Third" });
    const path = `/consultations/${consultation.id}/questions`;

    const editPage = await (await convenerClient.get(`${path}?edit=${second.id}`)).text();
    expect(editPage).toContain("Save question");
    expect(editPage).toContain("Yes\nNo\nNot sure");
    const edited = await convenerClient.post(path, {
      intent: "update",
      questionId: second.id,
      kind: "single_choice",
      prompt: "Second, reworded",
      choices: "Agree\nDisagree",
      required: "on",
    });
    expect(await convenerClient.landOn(edited)).toContain("Question saved.");
    expect(await db().consultationQuestion.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      prompt: "Second, reworded",
      required: true,
      options: JSON.stringify(["Agree", "Disagree"]),
    });

    const moved = await convenerClient.post(path, { intent: "move", questionId: third.id, direction: "up" });
    expect(await convenerClient.landOn(moved)).toContain("Question moved.");
    expect((await questionsOf(consultation.id)).map((question) => question.id)).toEqual([
      first.id,
      third.id,
      second.id,
    ]);
    await convenerClient.post(path, { intent: "move", questionId: first.id, direction: "up" });
    await convenerClient.post(path, { intent: "move", questionId: second.id, direction: "down" });
    expect((await questionsOf(consultation.id)).map((question) => question.id)).toEqual([
      first.id,
      third.id,
      second.id,
    ]);
    await convenerClient.post(path, { intent: "move", questionId: first.id, direction: "down" });
    expect((await questionsOf(consultation.id)).map((question) => question.id)).toEqual([
      third.id,
      first.id,
      second.id,
    ]);

    const removed = await convenerClient.post(path, { intent: "remove", questionId: third.id });
    expect(await convenerClient.landOn(removed)).toContain("Question removed.");
    expect((await questionsOf(consultation.id)).map((question) => [question.id, question.position])).toEqual([
      [first.id, 1],
      [second.id, 2],
    ]);

    const other = await createConsultation(space.id, focalPoint.id);
    const foreign = await addQuestion(other.id, "short_text");
    expect((await convenerClient.post(path, { intent: "remove", questionId: foreign.id })).status).toBe(404);
    expect(await db().consultationQuestion.count({ where: { id: foreign.id } })).toBe(1);

    const actions = await db().auditEvent.findMany({
      where: { subjectId: consultation.id },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "consultation.question-updated",
      "consultation.question-moved",
      "consultation.question-moved",
      "consultation.question-removed",
    ]);
  });

  it("locks the questions once the first submission arrives", async () => {
    const { space, focalPoint, consulted, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id);
    const question = await addQuestion(consultation.id, "short_text", { prompt: "Still editable?" });
    await db().submission.create({
      data: {
        consultationId: consultation.id,
        organisationId: consulted.organisation.id,
        status: "submitted",
        version: 1,
        submittedAt: new Date(),
        submittedById: consulted.admin.id,
        answers: JSON.stringify({ [question.id]: "Yes" }),
      },
    });
    const path = `/consultations/${consultation.id}/questions`;

    const page = await (await convenerClient.get(path)).text();
    expect(page).toContain("The questions are locked");
    expect(page).not.toContain("Add a question");
    expect(page).not.toContain("Remove question 1");

    const added = await convenerClient.post(`${path}?add=long_text`, {
      intent: "add",
      kind: "long_text",
      prompt: "Late question",
    });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain("The questions are locked");
    const updated = await convenerClient.post(path, {
      intent: "update",
      questionId: question.id,
      kind: "short_text",
      prompt: "Changed",
    });
    expect(await updated.text()).toContain("The questions are locked");
    const removed = await convenerClient.post(path, { intent: "remove", questionId: question.id });
    expect(await convenerClient.landOn(removed)).toContain("The questions are locked");
    const moved = await convenerClient.post(path, {
      intent: "move",
      questionId: question.id,
      direction: "up",
    });
    expect(await convenerClient.landOn(moved)).toContain("The questions are locked");

    expect(await questionsOf(consultation.id)).toMatchObject([
      { id: question.id, prompt: "Still editable?" },
    ]);
  });
});

describe("opening and closing", () => {
  const statusOf = async (id: string) =>
    (await db().consultation.findUniqueOrThrow({ where: { id } })).status;

  it("refuses to open without questions, opens with one and notifies the audience", async () => {
    const { space, focalPoint, consulted, informed, convenerClient, consultedClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id, { title: "Housing priorities" });
    const here = `/consultations/${consultation.id}`;

    const empty = await convenerClient.post(`${here}?index`, { intent: "open", confirmed: "yes" });
    expect(await convenerClient.landOn(empty)).toContain(
      "Add at least one question before opening the consultation.",
    );
    expect(await statusOf(consultation.id)).toBe("draft");

    await addQuestion(consultation.id, "long_text");
    const opened = await convenerClient.post(`${here}?index`, { intent: "open", confirmed: "yes" });
    expect(await convenerClient.landOn(opened)).toContain("The consultation is open");
    const stored = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(stored.status).toBe("open");
    expect(stored.openedAt).toBeInstanceOf(Date);

    const notified = await db().notification.findMany({
      where: { message: "consultations.common.notifications.opened", spaceId: space.id },
    });
    expect(notified.map((notification) => notification.personId)).toEqual([consulted.admin.id]);
    expect(notified[0]!.link).toBe(here);
    expect(informed.admin.id).not.toBe(consulted.admin.id);
    const notifications = await (await consultedClient.get("/notifications")).text();
    expect(notifications).toContain("New consultation in Ottawa LIP: Housing priorities");

    const closed = await convenerClient.post(`${here}?index`, { intent: "close", confirmed: "yes" });
    expect(await convenerClient.landOn(closed)).toContain("The consultation is closed.");
    const afterClose = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(afterClose.status).toBe("closed");
    expect(afterClose.closedAt).toBeInstanceOf(Date);

    const audit = await db().auditEvent.findMany({
      where: { subjectId: consultation.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(["consultation.opened", "consultation.closed"]);
    expect(audit.every((event) => event.spaceId === space.id && event.actorId === focalPoint.id)).toBe(true);
  });

  it("asks before opening and closing, saying what each will do, and acts only once confirmed", async () => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id, { title: "Asked first" });
    await addQuestion(consultation.id, "long_text");
    await addQuestion(consultation.id, "short_text");
    const here = `/consultations/${consultation.id}`;

    const asked = await convenerClient.post(`${here}?index`, { intent: "open" });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(`${here}?confirm=open#lifecycle-heading`);
    expect(await statusOf(consultation.id)).toBe("draft");
    const confirmOpen = await convenerClient.landOn(asked);
    expect(confirmOpen).toContain("Open the consultation now?");
    expect(confirmOpen).toContain("1 organisation (1 person) will be notified.");
    expect(confirmOpen).toContain("Its 2 questions will be locked");
    expect(confirmOpen).toContain("Yes, open it now");

    await convenerClient.post(`${here}?index`, { intent: "open", confirmed: "yes" });
    expect(await statusOf(consultation.id)).toBe("open");
    // A confirmation asked for a move the consultation cannot make any more shows nothing to confirm.
    expect(await (await convenerClient.get(`${here}?confirm=open`)).text()).not.toContain("Yes, open it now");

    const draftingOrganisation = await createParticipantOrganisation(space.id, "CONSULT");
    await db().submission.create({
      data: { consultationId: consultation.id, organisationId: draftingOrganisation.organisation.id },
    });
    const confirmClose = await (await convenerClient.get(`${here}?confirm=close`)).text();
    expect(confirmClose).toContain("0 inputs have been submitted");
    expect(confirmClose).toContain("1 organisation has a draft it has not submitted: it will not count.");
    expect(confirmClose).toContain("its closing date becomes today");
    const promised = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });

    expect((await convenerClient.post(`${here}?index`, { intent: "close" })).status).toBe(302);
    expect(await statusOf(consultation.id)).toBe("open");
    const before = Date.now();
    await convenerClient.post(`${here}?index`, { intent: "close", confirmed: "yes" });
    const closed = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(closed.status).toBe("closed");
    // Closed early: the closing date is when it closed; the feedback stays due when it was promised.
    expect(closed.closesAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(closed.closesAt.getTime()).toBeLessThan(promised.closesAt.getTime());
    expect(closed.feedbackDueAt).toEqual(promised.feedbackDueAt);
  });

  it("notifies, for a chosen audience, the chosen organisations' members that may answer only", async () => {
    const { space, focalPoint, consulted, informed, convenerClient } = await setting();
    const notChosen = await createParticipantOrganisation(space.id, "INVOLVE");
    // Chosen while at CONSULT, since moved down to INFORM: it may no longer answer, so it is not told.
    const consultation = await createConsultation(space.id, focalPoint.id, {
      audience: "chosen",
      organisationIds: [consulted.organisation.id, informed.organisation.id],
    });
    await addQuestion(consultation.id, "short_text");
    await convenerClient.post(`/consultations/${consultation.id}?index`, {
      intent: "open",
      confirmed: "yes",
    });
    const notified = await db().notification.findMany({
      where: { message: "consultations.common.notifications.opened", spaceId: space.id },
    });
    expect(notified.map((notification) => notification.personId)).toEqual([consulted.admin.id]);
    expect(notified.map((notification) => notification.personId)).not.toContain(notChosen.admin.id);
  });

  it.each([
    ["open", "open"],
    ["closed", "open"],
    ["published", "open"],
    ["draft", "close"],
    ["closed", "close"],
    ["published", "close"],
  ] as const)("refuses a %s consultation the step “%s”", async (status, intent) => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id, { status });
    await addQuestion(consultation.id, "short_text");
    const response = await convenerClient.post(`/consultations/${consultation.id}?index`, {
      intent,
      confirmed: "yes",
    });
    expect(await convenerClient.landOn(response)).toContain("This step is not possible in the consultation");
    expect(await statusOf(consultation.id)).toBe(status);
    expect(await db().auditEvent.count({ where: { subjectId: consultation.id } })).toBe(0);
  });

  it("refuses to open a consultation whose closing date has passed", async () => {
    const { space, focalPoint, convenerClient } = await setting();
    const consultation = await createConsultation(space.id, focalPoint.id, {
      closesAt: new Date(Date.now() - dayMs),
    });
    await addQuestion(consultation.id, "short_text");
    const response = await convenerClient.post(`/consultations/${consultation.id}?index`, {
      intent: "open",
      confirmed: "yes",
    });
    expect(await convenerClient.landOn(response)).toContain("The closing date must be in the future.");
    expect(await statusOf(consultation.id)).toBe("draft");
  });
});

describe("who may see and build consultations", () => {
  it("refuses participants the builder (403) and hides drafts from them (404)", async () => {
    const { space, focalPoint, consultedClient } = await setting();
    const draft = await createConsultation(space.id, focalPoint.id);
    const open = await createConsultation(space.id, focalPoint.id, { status: "open" });
    await addQuestion(open.id, "short_text");

    expect((await consultedClient.get(`/spaces/${space.id}/consultations/new`)).status).toBe(403);
    expect(
      (await consultedClient.post(`/spaces/${space.id}/consultations/new`, validConsultation())).status,
    ).toBe(403);
    expect((await consultedClient.get(`/consultations/${draft.id}`)).status).toBe(404);
    expect((await consultedClient.get(`/consultations/${draft.id}/questions`)).status).toBe(404);

    const overview = await consultedClient.get(`/consultations/${open.id}`);
    expect(overview.status).toBe(200);
    const page = await overview.text();
    expect(page).not.toContain("Close the consultation");
    expect(page).not.toContain(`/consultations/${open.id}/questions`);
    expect((await consultedClient.get(`/consultations/${open.id}/questions`)).status).toBe(403);
    const refusedForms: Record<string, string>[] = [
      { intent: "add", kind: "short_text", prompt: "Sneaky" },
      { intent: "close", confirmed: "yes" },
      { intent: "update", ...validConsultation() },
    ];
    for (const form of refusedForms) {
      const path =
        form.intent === "add" ? `/consultations/${open.id}/questions` : `/consultations/${open.id}?index`;
      expect((await consultedClient.post(path, form)).status).toBe(403);
    }
    expect(await db().consultation.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
      status: "open",
    });
  });

  it("answers 404 to an outsider on every consultation page and on the space's list", async () => {
    const { space, focalPoint, outsiderClient } = await setting();
    const draft = await createConsultation(space.id, focalPoint.id);
    const open = await createConsultation(space.id, focalPoint.id, { status: "open" });
    const closed = await createConsultation(space.id, focalPoint.id, {
      status: "closed",
      closedAt: new Date(),
    });
    expect((await outsiderClient.get(`/spaces/${space.id}/consultations`)).status).toBe(404);
    expect((await outsiderClient.get(`/spaces/${space.id}/consultations/new`)).status).toBe(404);
    for (const consultation of [draft, open, closed])
      for (const page of ["", "/questions", "/respond", "/review", "/results", "/report"]) {
        const response = await outsiderClient.get(`/consultations/${consultation.id}${page}`);
        expect([page, response.status]).toEqual([page, 404]);
      }
    expect(
      (await outsiderClient.post(`/consultations/${draft.id}?index`, { intent: "open", confirmed: "yes" }))
        .status,
    ).toBe(404);
    expect((await outsiderClient.get(`/consultations/no-such-consultation`)).status).toBe(404);
  });

  it("lists consultations with coverage, days since closing and an overdue badge", async () => {
    const { space, focalPoint, consulted, informed, convenerClient, informedClient } = await setting();
    await createConsultation(space.id, focalPoint.id, { title: "Draft plans" });
    await createConsultation(space.id, focalPoint.id, { title: "Open questions", status: "open" });
    const late = await createConsultation(space.id, focalPoint.id, {
      title: "Late feedback",
      status: "closed",
      closesAt: new Date(Date.now() - 40 * dayMs),
      closedAt: new Date(Date.now() - 40 * dayMs),
      feedbackDueAt: new Date(Date.now() - 10 * dayMs),
    });
    const response = await db().consultationResponse.create({
      data: { consultationId: late.id, outcome: "accepted", explanation: "Done.", authorId: focalPoint.id },
    });
    for (const [organisationId, responseId] of [
      [consulted.organisation.id, response.id],
      [informed.organisation.id, null],
    ] as const)
      await db().submission.create({
        data: { consultationId: late.id, organisationId, status: "submitted", version: 1, responseId },
      });

    const convenerPage = await (await convenerClient.get(`/spaces/${space.id}/consultations`)).text();
    expect(convenerPage).toContain("New consultation");
    expect(convenerPage).toContain("Draft plans");
    expect(convenerPage).toContain("Open questions");
    expect(convenerPage).toContain("50% (1 of 2)");
    expect(convenerPage).toContain("40 days");
    expect(convenerPage).toContain("Feedback overdue");

    const participantPage = await (await informedClient.get(`/spaces/${space.id}/consultations`)).text();
    expect(participantPage).not.toContain("New consultation");
    expect(participantPage).not.toContain("Draft plans");
    expect(participantPage).toContain("Open questions");
    expect(participantPage).toContain("Feedback overdue");

    const spacePage = await (await informedClient.get(`/spaces/${space.id}`)).text();
    expect(spacePage).toContain(`href="/spaces/${space.id}/consultations"`);
  });
});
