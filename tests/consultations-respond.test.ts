import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateAnswers } from "~/modules/consultations/answers";
import { db } from "~/utils/db.server";
import { addMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { baselineOf } from "./support/pages";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const signedIn = (email: string) => Browserless.signedIn(server.origin, email);
const dayMs = 24 * 60 * 60 * 1000;

/**
 * An open consultation in a new space with a CONSULT organisation (its admin is the lead delegate, plus two
 * plain members) and an INFORM organisation.
 */
async function openConsultation(overrides: { status?: string; closesAt?: Date } = {}) {
  const { space, focalPoint } = await createConvenedSpace();
  const { organisation, admin: lead } = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Newcomer Women Collective" },
  });
  const memberA = await createPerson({ name: "Amal Member" });
  const memberB = await createPerson({ name: "Bruno Member" });
  await addMember(memberA.id, organisation.id);
  await addMember(memberB.id, organisation.id);
  const { organisation: informed, admin: informedAdmin } = await createParticipantOrganisation(
    space.id,
    "INFORM",
  );
  const consultation = await db().consultation.create({
    data: {
      spaceId: space.id,
      title: "Settlement strategy 2026",
      purpose: "What should the strategy change?",
      status: overrides.status ?? "open",
      openedAt: new Date(),
      closesAt: overrides.closesAt ?? new Date(Date.now() + 10 * dayMs),
      feedbackDueAt: new Date(Date.now() + 40 * dayMs),
      createdById: focalPoint.id,
    },
  });
  const question = (position: number, kind: string, prompt: string, required: boolean, options: unknown) =>
    db().consultationQuestion.create({
      data: {
        consultationId: consultation.id,
        position,
        kind,
        prompt,
        required,
        options: JSON.stringify(options),
      },
    });
  const q1 = await question(1, "short_text", "What works well?", true, []);
  const q2 = await question(2, "long_text", "What should change?", false, []);
  const q3 = await question(3, "ranking", "Rank the priorities", false, ["Housing", "Jobs", "Language"]);
  const q4 = await question(4, "paragraph_comments", "Comment on the draft", false, [
    "Newcomers are welcomed in every district.",
    "Language classes run in the evenings.",
  ]);
  const q5 = await question(5, "rating", "How useful is the plan?", false, {
    min: 1,
    max: 5,
    minLabel: "",
    maxLabel: "",
  });
  return {
    space,
    focalPoint,
    organisation,
    lead,
    memberA,
    memberB,
    informed,
    informedAdmin,
    consultation,
    questions: { q1, q2, q3, q4, q5 },
    url: `/consultations/${consultation.id}/respond`,
  };
}

async function storedAnswers(consultationId: string, organisationId: string, isAggregated = false) {
  const submission = await db().submission.findUniqueOrThrow({
    where: { consultationId_organisationId_isAggregated: { consultationId, organisationId, isAggregated } },
  });
  return { ...submission, answers: JSON.parse(submission.answers) as Record<string, unknown> };
}

describe("answering a consultation on behalf of an organisation", () => {
  it("lets colleagues co-write one draft, the lead delegate submit it and revise it, keeping every version", async () => {
    const { consultation, organisation, lead, memberA, memberB, questions, url, space } =
      await openConsultation();
    const { q1, q2, q3 } = questions;
    const a = await signedIn(memberA.email);
    const b = await signedIn(memberB.email);

    const pageA = await (await a.get(url)).text();
    expect(pageA).toContain("Input of Newcomer Women Collective");
    expect(pageA).toContain("Save draft");
    expect(pageA).not.toContain("Submit on behalf of");
    const savedA = await a.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "false",
      baseline: baselineOf(pageA, organisation.id),
      [`answers.${q1.id}`]: "The welcome centre works well.",
    });
    const landedA = await a.landOn(savedA);
    expect(landedA).toContain("The draft is saved.");
    const baselineA = baselineOf(landedA, organisation.id);

    const pageB = await (await b.get(url)).text();
    expect(pageB).toContain("The welcome centre works well.");
    const savedB = await b.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "false",
      baseline: baselineOf(pageB, organisation.id),
      [`answers.${q1.id}`]: "The welcome centre works well.",
      [`answers.${q2.id}`]: "Evening childcare during classes.",
    });
    expect(savedB.status).toBe(302);

    // A, still on the page opened before B's save, changes only Q1: B's Q2 stays (last write wins per question).
    const againA = await a.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "false",
      baseline: baselineA,
      [`answers.${q1.id}`]: "The welcome centre and the library work well.",
      [`answers.${q2.id}`]: "",
    });
    expect(againA.status).toBe(302);
    expect((await storedAnswers(consultation.id, organisation.id)).answers).toEqual({
      [q1.id]: "The welcome centre and the library work well.",
      [q2.id]: "Evening childcare during classes.",
    });

    // The lead delegate submits: version 1.
    const leader = await signedIn(lead.email);
    const leadPage = await (await leader.get(url)).text();
    expect(leadPage).toContain("Submit on behalf of Newcomer Women Collective");
    expect(leadPage).toContain("Evening childcare during classes.");
    const submitted = await leader.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "false",
      baseline: baselineOf(leadPage, organisation.id),
      [`answers.${q1.id}`]: "The welcome centre and the library work well.",
      [`answers.${q2.id}`]: "Evening childcare during classes.",
      [`answers.${q3.id}[0]`]: "Language",
      [`answers.${q3.id}[1]`]: "Housing",
      [`answers.${q3.id}[2]`]: "Jobs",
    });
    const afterSubmit = await leader.landOn(submitted);
    expect(afterSubmit).toContain("Version 1 of the input is submitted.");
    expect(afterSubmit).toContain("Submitted version 1 on");
    expect(afterSubmit).toContain("Submit a revised version on behalf of Newcomer Women Collective");

    // A revision before closing: version 2, version 1 kept as it was.
    const revised = await leader.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "false",
      baseline: baselineOf(afterSubmit, organisation.id),
      [`answers.${q1.id}`]: "The welcome centre and the library work well.",
      [`answers.${q2.id}`]: "Evening childcare, and classes on Saturdays.",
      [`answers.${q3.id}[0]`]: "Language",
      [`answers.${q3.id}[1]`]: "Housing",
      [`answers.${q3.id}[2]`]: "Jobs",
    });
    const afterRevision = await leader.landOn(revised);
    expect(afterRevision).toContain("Submitted version 2 on");
    const submission = await storedAnswers(consultation.id, organisation.id);
    expect(submission).toMatchObject({ status: "submitted", version: 2, submittedById: lead.id });
    const versions = await db().submissionVersion.findMany({
      where: { submissionId: submission.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[0]!.answers)).toEqual({
      [q1.id]: "The welcome centre and the library work well.",
      [q2.id]: "Evening childcare during classes.",
      [q3.id]: ["Language", "Housing", "Jobs"],
    });
    expect(JSON.parse(versions[1]!.answers)[q2.id]).toBe("Evening childcare, and classes on Saturdays.");
    expect(afterRevision).toContain("Submitted versions");
    expect(afterRevision).toContain("Evening childcare during classes.");

    const audit = await db().auditEvent.findMany({
      where: { spaceId: space.id, subjectType: "submission" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => [event.action, event.actorId, event.organisationId])).toEqual([
      ["consultation.draft-started", memberA.id, organisation.id],
      ["consultation.input-submitted", lead.id, organisation.id],
      ["consultation.input-revised", lead.id, organisation.id],
    ]);
  });

  it("keeps submitting to the lead delegate and admins, and input to organisations at CONSULT or above", async () => {
    const { organisation, memberA, informed, informedAdmin, questions, url, consultation } =
      await openConsultation();
    const member = await signedIn(memberA.email);
    const refused = await member.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "false",
      [`answers.${questions.q1.id}`]: "Anything",
    });
    expect(refused.status).toBe(403);
    expect(await (await member.get(url)).text()).toContain(
      "The lead delegate or an administrator of Newcomer Women Collective submits the input",
    );

    const inform = await signedIn(informedAdmin.email);
    const page = await inform.get(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("your organisation is not among those asked for input");
    expect(html).not.toContain("Save draft");
    for (const intent of ["save", "submit"]) {
      const post = await inform.post(url, {
        intent,
        organisationId: informed.id,
        aggregated: "false",
        [`answers.${questions.q1.id}`]: "We would like to answer.",
      });
      expect(post.status).toBe(403);
    }
    // Acting for an organisation one does not belong to is refused as well.
    const foreign = await inform.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "false",
      [`answers.${questions.q1.id}`]: "Not ours.",
    });
    expect(foreign.status).toBe(403);
    expect(await db().submission.count({ where: { consultationId: consultation.id } })).toBe(0);
  });

  it("hides a draft consultation from participants (404)", async () => {
    const { lead, organisation, questions, url } = await openConsultation({ status: "draft" });
    const client = await signedIn(lead.email);
    expect((await client.get(url)).status).toBe(404);
    const post = await client.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "false",
      [`answers.${questions.q1.id}`]: "Early.",
    });
    expect(post.status).toBe(404);
  });

  it("refuses input after closing with a clear message and gives the typed text back", async () => {
    for (const overrides of [{ status: "closed" }, { closesAt: new Date(Date.now() - 60_000) }]) {
      const { lead, organisation, questions, url, consultation } = await openConsultation(overrides);
      const client = await signedIn(lead.email);
      for (const intent of ["submit", "save"]) {
        const refused = await client.post(url, {
          intent,
          organisationId: organisation.id,
          aggregated: "false",
          [`answers.${questions.q1.id}`]: "Words we spent an evening on.",
          [`answers.${questions.q2.id}`]: "A second answer, kept too.",
        });
        expect(refused.status).toBe(200);
        const html = await refused.text();
        expect(html).toContain("This consultation is closed: input can no longer be saved or submitted.");
        expect(html).toContain("Words we spent an evening on.");
        expect(html).toContain("A second answer, kept too.");
      }
      expect(await db().submission.count({ where: { consultationId: consultation.id } })).toBe(0);
    }
  });

  it("reports bad answers as field errors, keeps the typed text and never submits them", async () => {
    const { lead, organisation, questions, url, consultation } = await openConsultation();
    const { q1, q2, q3, q4, q5 } = questions;
    const client = await signedIn(lead.email);
    // Each post from the page as it is then, with the base it carries.
    const post = async (intent: string, answers: Record<string, string>) => {
      const baseline = baselineOf(await (await client.get(url)).text(), organisation.id);
      return client.post(url, {
        intent,
        organisationId: organisation.id,
        aggregated: "false",
        baseline,
        ...answers,
      });
    };

    const missing = await (await post("submit", { [`answers.${q2.id}`]: "Only the optional one." })).text();
    expect(missing).toContain("Answer this question to submit.");
    expect(missing).toContain("Nothing was submitted");
    expect(missing).toContain("Only the optional one.");

    const duplicates = await (
      await post("submit", {
        [`answers.${q1.id}`]: "Fine.",
        [`answers.${q3.id}[0]`]: "Jobs",
        [`answers.${q3.id}[1]`]: "Jobs",
        [`answers.${q3.id}[2]`]: "Housing",
      })
    ).text();
    expect(duplicates).toContain("Each option can take only one place in the ranking.");

    const paragraph = await (
      await post("save", {
        [`answers.${q4.id}.7`]: "A comment on a paragraph that is not there.",
        [`answers.${q4.id}.1`]: "A comment on the first paragraph.",
      })
    ).text();
    expect(paragraph).toContain("There is no such paragraph in the draft document.");
    expect(paragraph).toContain("The draft is saved, except the answers marked below");
    expect(paragraph).toContain("A comment on a paragraph that is not there.");

    const long = "a".repeat(501);
    const oversize = await (
      await post("save", { [`answers.${q1.id}`]: long, [`answers.${q2.id}`]: "Kept." })
    ).text();
    expect(oversize).toContain("Use at most 500 characters.");
    expect(oversize).toContain(long);
    const outOfScale = await (
      await post("save", { [`answers.${q5.id}`]: "9", [`answers.${q2.id}`]: "Kept." })
    ).text();
    expect(outOfScale).toContain("Choose a whole number from 1 to 5.");

    // The valid answers were saved; the invalid ones were not, and nothing was submitted.
    const stored = await storedAnswers(consultation.id, organisation.id);
    expect(stored).toMatchObject({ status: "draft", version: 0 });
    expect(stored.answers).toEqual({ [q2.id]: "Kept." });
    expect(await db().submissionVersion.count({ where: { submissionId: stored.id } })).toBe(0);
  });

  it("stores a script tag as text and shows it escaped", async () => {
    const { memberA, organisation, questions, url } = await openConsultation();
    const client = await signedIn(memberA.email);
    const saved = await client.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "false",
      [`answers.${questions.q2.id}`]: "<script>alert(1)</script> and <b>bold</b>",
    });
    const html = await client.landOn(saved);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<b>bold</b>");
  });

  it("takes aggregated community input separately, with a required note on how it was gathered", async () => {
    const { lead, organisation, questions, url, consultation, space } = await openConsultation();
    const client = await signedIn(lead.email);
    const page = await (await client.get(url)).text();
    expect(page).toContain("Aggregated input from community members");
    expect(page).toContain("Concord never asks about anyone&#x27;s immigration status");

    const withoutNote = await client.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "true",
      baseline: baselineOf(page, organisation.id, true),
      [`answers.${questions.q1.id}`]: "Many said the welcome centre helps.",
    });
    expect(withoutNote.status).toBe(200);
    expect(await withoutNote.text()).toContain("Say how this input was gathered.");

    const tooLongNote = await client.post(url, {
      intent: "save",
      organisationId: organisation.id,
      aggregated: "true",
      aggregatedNote: "n".repeat(2001),
    });
    expect(await tooLongNote.text()).toContain("Use at most 2000 characters.");

    const submitted = await client.post(url, {
      intent: "submit",
      organisationId: organisation.id,
      aggregated: "true",
      aggregatedNote: "We spoke with 40 women attending language courses in March.",
      [`answers.${questions.q1.id}`]: "Many said the welcome centre helps.",
    });
    expect(await client.landOn(submitted)).toContain("Version 1 of the input is submitted.");
    const aggregated = await storedAnswers(consultation.id, organisation.id, true);
    expect(aggregated).toMatchObject({
      isAggregated: true,
      status: "submitted",
      version: 1,
      aggregatedNote: "We spoke with 40 women attending language courses in March.",
    });
    // The organisation's own input is a separate draft, untouched.
    expect(
      await db().submission.count({
        where: { consultationId: consultation.id, organisationId: organisation.id, isAggregated: false },
      }),
    ).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { spaceId: space.id, action: "consultation.input-submitted" },
    });
    expect(JSON.parse(event.detail)).toMatchObject({ aggregated: true, version: 1 });
  });
});

describe("answer rules", () => {
  const question = (kind: string, options: unknown, required = false) => ({
    id: kind,
    kind,
    required,
    options: JSON.stringify(options),
  });

  it("checks each kind of answer, and required answers only at submission", () => {
    const questions = [
      question("short_text", [], true),
      question("single_choice", ["Yes", "No"]),
      question("multiple_choice", ["A", "B", "C"]),
      question("rating", { min: 0, max: 10, minLabel: "", maxLabel: "" }),
      question("ranking", ["A", "B"]),
      question("paragraph_comments", ["One", "Two"]),
    ];
    expect(validateAnswers(questions, {}, "draft")).toEqual({});
    expect(validateAnswers(questions, {}, "submit")).toEqual({
      short_text: ["consultations.respond.errors.required"],
    });
    expect(
      validateAnswers(
        questions,
        {
          short_text: "ok",
          single_choice: "Maybe",
          multiple_choice: ["A", "A", "D"],
          rating: 10.5,
          ranking: ["A"],
          paragraph_comments: { "0": "x", "2": "y".repeat(4001) },
        },
        "submit",
      ),
    ).toEqual({
      single_choice: ["consultations.respond.errors.unknownOption"],
      multiple_choice: [
        "consultations.respond.errors.unknownOption",
        "consultations.respond.errors.duplicateChoice",
      ],
      rating: ["consultations.respond.errors.outOfScale?min=0&max=10"],
      ranking: ["consultations.respond.errors.rankingIncomplete"],
      paragraph_comments: [
        "consultations.respond.errors.unknownParagraph",
        "consultations.respond.errors.commentTooLong?max=4000",
      ],
    });
    expect(
      validateAnswers(
        questions,
        { short_text: "ok", multiple_choice: ["C", "A"], rating: 0, ranking: ["B", "A"] },
        "submit",
      ),
    ).toEqual({});
  });
});
