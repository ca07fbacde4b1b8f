import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox } from "~/modules/mail/outbox.server";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, createSubmittedInput } from "./consultation-factories";
import { addMember, createMember, createPerson } from "../prisma/factories/people";
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

/**
 * A closed consultation in a space with two respondent organisations at CONSULT (the first with a second
 * member), one of them also sending aggregated community input, and an INFORM participant that did not answer.
 */
async function closedConsultation(options: { status?: "open" | "closed"; answer?: string } = {}) {
  const { space, convener, focalPoint } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
  const first = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Ottawa Newcomer Network" },
  });
  const colleague = await createPerson({ locale: "fr" });
  await addMember(colleague.id, first.organisation.id);
  const second = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Somali Women's Circle" },
  });
  const informed = await createParticipantOrganisation(space.id, "INFORM", {
    organisation: { name: "Library Board" },
  });
  const status = options.status ?? "closed";
  const consultation = await createConsultation(space.id, focalPoint.id, {
    title: "Settlement strategy 2025",
    decision: "The settlement strategy",
    status,
    opensAt: new Date(Date.now() - 20 * dayMs),
    closesAt: new Date(Date.now() + (status === "open" ? 5 : -2) * dayMs),
    closedAt: status === "open" ? null : new Date(Date.now() - 2 * dayMs),
    feedbackDueAt: new Date(Date.now() + 28 * dayMs),
  });
  const question = await addQuestion(consultation.id, "long_text", { prompt: "What should change?" });
  const ranking = await addQuestion(consultation.id, "ranking", {
    prompt: "Rank the priorities",
    options: ["Language", "Housing"],
  });
  const inputA = await createSubmittedInput(consultation.id, first.organisation.id, first.admin.id, {
    [question.id]: options.answer ?? "More evening language classes.",
    [ranking.id]: ["Language", "Housing"],
  });
  const inputB = await createSubmittedInput(
    consultation.id,
    second.organisation.id,
    second.admin.id,
    { [question.id]: "Childcare during classes." },
    { isAggregated: true, aggregatedNote: "We spoke with 40 women attending language courses." },
  );
  const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
  const base = `/consultations/${consultation.id}`;
  return {
    space,
    convener,
    focalPoint,
    first,
    colleague,
    second,
    informed,
    consultation,
    inputA,
    inputB,
    convenerClient,
    review: `${base}/review`,
    report: `${base}/report`,
  };
}

const respond = (submissionIds: string[], fields: Record<string, string>) => ({
  intent: "respond",
  // One checked box posts a single value, as a browser without JavaScript sends it.
  ...(submissionIds.length === 1
    ? { submissionIds: submissionIds[0]! }
    : Object.fromEntries(submissionIds.map((id, index) => [`submissionIds[${index}]`, id]))),
  ...fields,
});

const accepted = {
  outcome: "accepted",
  explanation: "Evening classes fit working newcomers.",
  changeMade: "Two evening classes a week from September.",
};
const declined = { outcome: "not_accepted", explanation: "Childcare is funded by the province." };

describe("responding to inputs", () => {
  it("shares one response between two inputs, and shows the coverage", async () => {
    const { consultation, inputA, inputB, convenerClient, review } = await closedConsultation();
    const before = await (await convenerClient.get(review)).text();
    expect(before).toContain("0 of 2 inputs answered");
    expect(before).toContain("Aggregated community input from Somali Women&#x27;s Circle");
    expect(before).toContain("More evening language classes.");
    expect(before).toContain("1. Language\n2. Housing");

    const page = await convenerClient.landOn(
      await convenerClient.post(review, respond([inputA.id, inputB.id], accepted)),
    );
    expect(page).toContain("The response is saved.");
    expect(page).toContain("2 of 2 inputs answered");
    expect(page).toContain("(a response shared by 2 inputs)");

    const responses = await db().consultationResponse.findMany({
      where: { consultationId: consultation.id },
    });
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ outcome: "accepted", changeMade: accepted.changeMade });
    const inputs = await db().submission.findMany({ where: { consultationId: consultation.id } });
    expect(inputs.map((input) => input.responseId)).toEqual([responses[0]!.id, responses[0]!.id]);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "consultation.response-written", subjectId: responses[0]!.id },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ submissionIds: [inputA.id, inputB.id] });
  });

  it("asks for the change made when an input is accepted, and keeps what was typed", async () => {
    const { consultation, inputA, convenerClient, review } = await closedConsultation();
    const response = await convenerClient.post(
      review,
      respond([inputA.id], { outcome: "partly_accepted", explanation: "Partly, from spring." }),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Say what changed: the input is accepted or partly accepted.");
    expect(page).toContain("Partly, from spring.");
    expect(await db().consultationResponse.count({ where: { consultationId: consultation.id } })).toBe(0);
  });

  it("re-points an answered input before publishing and drops the response left with no input", async () => {
    const { consultation, inputA, inputB, convenerClient, review } = await closedConsultation();
    await convenerClient.post(review, respond([inputA.id], declined));
    const first = await db().submission.findUniqueOrThrow({ where: { id: inputA.id } });
    await convenerClient.post(review, respond([inputA.id, inputB.id], accepted));
    const responses = await db().consultationResponse.findMany({
      where: { consultationId: consultation.id },
    });
    expect(responses).toHaveLength(1);
    expect(responses[0]!.id).not.toBe(first.responseId);
    expect(responses[0]!.outcome).toBe("accepted");
  });

  it("refuses inputs of another consultation", async () => {
    const { consultation, inputA, convenerClient, review } = await closedConsultation();
    const other = await closedConsultation();
    const response = await convenerClient.post(review, respond([inputA.id, other.inputA.id], declined));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      "Some of the selected inputs are not submitted inputs of this consultation.",
    );
    expect(await db().consultationResponse.count({ where: { consultationId: consultation.id } })).toBe(0);
    expect(
      (await db().submission.findUniqueOrThrow({ where: { id: other.inputA.id } })).responseId,
    ).toBeNull();
  });

  it("refuses responses while the consultation is open", async () => {
    const { consultation, inputA, convenerClient, review } = await closedConsultation({ status: "open" });
    expect((await convenerClient.get(review)).status).toBe(404);
    expect((await convenerClient.post(review, respond([inputA.id], declined))).status).toBe(404);
    expect(await db().consultationResponse.count({ where: { consultationId: consultation.id } })).toBe(0);
  });

  it("tags an input with themes of the space themes list", async () => {
    const { inputA, convenerClient, review } = await closedConsultation();
    const page = await convenerClient.landOn(
      await convenerClient.post(review, {
        intent: "tag",
        submissionId: inputA.id,
        "themes[0]": "language",
        "themes[1]": "family",
      }),
    );
    expect(page).toContain("The themes are saved.");
    expect((await db().submission.findUniqueOrThrow({ where: { id: inputA.id } })).themes).toBe(
      "family,language",
    );
    expect(
      await db().auditEvent.count({ where: { action: "consultation.input-tagged", subjectId: inputA.id } }),
    ).toBe(1);
    const refused = await convenerClient.post(review, {
      intent: "tag",
      submissionId: inputA.id,
      "themes[0]": "immigration_status",
    });
    expect(refused.status).toBe(200);
    expect((await db().submission.findUniqueOrThrow({ where: { id: inputA.id } })).themes).toBe(
      "family,language",
    );
  });

  it("is for conveners only: a participant gets 403, an outsider 404", async () => {
    const { first, review, inputA } = await closedConsultation();
    const participant = await Browserless.signedIn(server.origin, first.admin.email);
    expect((await participant.get(review)).status).toBe(403);
    expect((await participant.post(review, respond([inputA.id], declined))).status).toBe(403);
    const { person: outsiderPerson } = await createMember();
    const outsider = await Browserless.signedIn(server.origin, outsiderPerson.email);
    expect((await outsider.get(review)).status).toBe(404);
    expect((await outsider.post(review, respond([inputA.id], declined))).status).toBe(404);
    expect((await db().submission.findUniqueOrThrow({ where: { id: inputA.id } })).responseId).toBeNull();
  });
});

describe("publishing the feedback", () => {
  it("is refused while one input has no response; once all are answered everyone who answered is told", async () => {
    const setup = await closedConsultation();
    const {
      consultation,
      inputA,
      inputB,
      convenerClient,
      review,
      report,
      first,
      second,
      colleague,
      informed,
    } = setup;
    await convenerClient.post(review, respond([inputA.id], accepted));

    const refused = await convenerClient.post(review, { intent: "publish", confirmed: "yes" });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain(
      "Every input needs a response before the feedback is published; inputs still without one: 1.",
    );
    const unchanged = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(unchanged).toMatchObject({ status: "closed", publishedAt: null });
    expect(await db().notification.count({ where: { link: report } })).toBe(0);
    expect(
      await db().auditEvent.count({
        where: { action: "consultation.feedback-published", subjectId: consultation.id },
      }),
    ).toBe(0);

    // Until it is published the report is the conveners' preview, which says what publishing will do.
    const participant = await Browserless.signedIn(server.origin, first.admin.email);
    expect((await participant.get(report)).status).toBe(404);
    const blockedPreview = await convenerClient.get(report);
    expect(blockedPreview.status).toBe(200);
    const blockedText = await blockedPreview.text();
    expect(blockedText).toContain("Preview: not published yet");
    expect(blockedText).toContain("1 input still has no response: answer it before publishing.");
    expect(blockedText).not.toContain("Publish the report now");

    await convenerClient.post(review, respond([inputB.id], declined));
    // Asked without the confirmation, publishing shows the preview instead of acting.
    const asked = await convenerClient.post(review, { intent: "publish" });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(report);
    const preview = await convenerClient.landOn(asked);
    expect(preview).toContain("2 respondent organisations (3 people) will be told, in the app and by mail.");
    expect(preview).toContain("every organisation taking part in the space can read it");
    expect(preview).toContain("Publish the report now");
    expect((await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } })).status).toBe(
      "closed",
    );
    expect((await participant.get(report)).status).toBe(404);

    const published = await convenerClient.post(review, { intent: "publish", confirmed: "yes" });
    expect(published.status).toBe(302);
    expect(published.headers.get("Location")).toBe(report);
    const stored = await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    expect(stored.status).toBe("published");
    expect(stored.publishedAt).toBeInstanceOf(Date);
    expect(
      await db().auditEvent.count({
        where: { action: "consultation.feedback-published", subjectId: consultation.id },
      }),
    ).toBe(1);

    const told = await db().notification.findMany({ where: { link: report } });
    expect(told.map((notification) => notification.personId).sort()).toEqual(
      [first.admin.id, colleague.id, second.admin.id].sort(),
    );
    expect(told[0]!.message).toBe("consultations.review.notification");

    const outbox = await readOutbox();
    const mailTo = (email: string) => outbox.filter((mail) => mail.to === email);
    expect(mailTo(first.admin.email)).toHaveLength(1);
    expect(mailTo(second.admin.email)).toHaveLength(1);
    expect(mailTo(informed.admin.email)).toHaveLength(0);
    const french = mailTo(colleague.email);
    expect(french).toHaveLength(1);
    expect(french[0]!.subject).toBe("Retour publié : Settlement strategy 2025");
    expect(french[0]!.text).toContain(`${server.origin}${report}`);
    expect(mailTo(first.admin.email)[0]!.subject).toBe("Feedback published: Settlement strategy 2025");

    const seen = await (await participant.get(report)).text();
    expect(seen).toContain("You said, we did");
    expect(seen).toContain("Ottawa Newcomer Network");
    expect(seen).toContain("Evening classes fit working newcomers.");
    expect(seen).toContain("Two evening classes a week from September.");
    expect(seen).toContain("Aggregated, anonymous community input");
    expect(seen).toContain("Childcare is funded by the province.");
    // An INFORM participant sees the consultation, so it sees the report too.
    const reader = await Browserless.signedIn(server.origin, informed.admin.email);
    expect((await reader.get(report)).status).toBe(200);
  });

  it("refuses re-pointing an input once the feedback is published", async () => {
    const { inputA, inputB, convenerClient, review } = await closedConsultation();
    await convenerClient.post(review, respond([inputA.id, inputB.id], declined));
    await convenerClient.post(review, { intent: "publish", confirmed: "yes" });
    const before = await db().submission.findUniqueOrThrow({ where: { id: inputA.id } });
    const response = await convenerClient.post(review, respond([inputA.id], accepted));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      "The feedback report is already published; responses can no longer change.",
    );
    expect((await db().submission.findUniqueOrThrow({ where: { id: inputA.id } })).responseId).toBe(
      before.responseId,
    );
    expect(await db().consultationResponse.count({ where: { consultationId: before.consultationId } })).toBe(
      1,
    );
  });

  it("renders script tags in inputs and responses as text", async () => {
    const { inputA, inputB, convenerClient, review, report } = await closedConsultation({
      answer: "<script>alert('input')</script>",
    });
    await convenerClient.post(
      review,
      respond([inputA.id, inputB.id], {
        outcome: "out_of_scope",
        explanation: "<script>alert('response')</script>",
      }),
    );
    await convenerClient.post(review, { intent: "publish", confirmed: "yes" });
    const page = await (await convenerClient.get(report)).text();
    expect(page).not.toContain("<script>alert(");
    expect(page).toContain("&lt;script&gt;alert(&#x27;input&#x27;)&lt;/script&gt;");
    expect(page).toContain("&lt;script&gt;alert(&#x27;response&#x27;)&lt;/script&gt;");
  });
});

describe("the organisation page", () => {
  it("shows its members the response to its own input only, once published", async () => {
    const { space, focalPoint, first, inputA, inputB, convenerClient, review } = await closedConsultation();
    // A second consultation the organisation answered, still waiting for its feedback.
    const later = await createConsultation(space.id, focalPoint.id, {
      title: "Employment pathways",
      status: "closed",
      closesAt: new Date(Date.now() - dayMs),
      closedAt: new Date(Date.now() - dayMs),
    });
    await createSubmittedInput(later.id, first.organisation.id, first.admin.id, {});
    const member = await Browserless.signedIn(server.origin, first.admin.email);
    const profile = `/organisations/${first.organisation.id}`;
    await convenerClient.post(review, respond([inputA.id], accepted));
    await convenerClient.post(review, respond([inputB.id], declined));

    const waiting = await (await member.get(profile)).text();
    expect(waiting).toContain("Our consultation inputs");
    expect(waiting).toContain("Settlement strategy 2025");
    expect(waiting).toContain("0 of our 2 inputs got an answer.");
    expect(waiting).toContain("Employment pathways");
    expect(waiting).not.toContain("Evening classes fit working newcomers.");

    await convenerClient.post(review, { intent: "publish", confirmed: "yes" });
    const answered = await (await member.get(profile)).text();
    expect(answered).toContain("1 of our 2 inputs got an answer.");
    expect(answered).toContain("Evening classes fit working newcomers.");
    expect(answered).not.toContain("Childcare is funded by the province.");

    const { person: stranger } = await createMember();
    const strangerPage = await (
      await Browserless.signedIn(server.origin, stranger.email).then((client) => client.get(profile))
    ).text();
    expect(strangerPage).not.toContain("Our consultation inputs");
  });

  it("flags feedback that is later than promised, with the days, until it is published", async () => {
    const { space, focalPoint, first } = await closedConsultation();
    const late = await createConsultation(space.id, focalPoint.id, {
      title: "Late feedback",
      status: "closed",
      closesAt: new Date(Date.now() - 50 * dayMs),
      closedAt: new Date(Date.now() - 50 * dayMs),
      feedbackDueAt: new Date(Date.now() - 40 * dayMs - 60_000),
    });
    await createSubmittedInput(late.id, first.organisation.id, first.admin.id, {});
    const member = await Browserless.signedIn(server.origin, first.admin.email);
    const page = await (await member.get(`/organisations/${first.organisation.id}`)).text();
    const entry = page.slice(page.indexOf("Late feedback"));
    expect(entry).toMatch(/Overdue<\/span> (<!-- -->)?The feedback was promised by [^:]+: 40 days late\./);
    // The consultation whose feedback is not yet due still just waits.
    expect(page).toContain("Waiting for the feedback, promised by");
  });
});
