import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionResult } from "~/modules/consultations/kinds";
import { questionResults, resultsQuestions, textAnswers } from "~/modules/consultations/results.server";
import { db } from "~/utils/db.server";
import {
  addQuestion,
  countSubmitted,
  createConsultation,
  createSubmittedInput,
} from "./consultation-factories";
import { createMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const day = 24 * 60 * 60 * 1000;

/**
 * A closed consultation with one question of each kind, three submitted inputs (one of them aggregated
 * community input) and one draft that must count nowhere but in the drafts.
 */
async function fixture() {
  const { space, focalPoint } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
  const cso = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Newcomer Centre, Ottawa", type: "cso" },
  });
  const diaspora = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Somali Families Association", type: "migrant_association" },
  });
  const employers = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Hire Newcomers", type: "private_sector" },
  });
  const consultation = await db().consultation.create({
    data: {
      spaceId: space.id,
      title: "Next immigration strategy, 2027–2029",
      purpose: "What should the next strategy change?",
      status: "closed",
      closesAt: new Date(Date.now() - day),
      closedAt: new Date(Date.now() - day),
      feedbackDueAt: new Date(Date.now() + 20 * day),
      createdById: focalPoint.id,
    },
  });
  const question = (position: number, kind: string, prompt: string, options: unknown = []) =>
    db().consultationQuestion.create({
      data: { consultationId: consultation.id, position, kind, prompt, options: JSON.stringify(options) },
    });
  const q = {
    short: await question(1, "short_text", "In one line, what matters most?"),
    long: await question(2, "long_text", "What goes wrong today?"),
    single: await question(3, "single_choice", "Which sector first?", ["Housing", "Employment", "Health"]),
    multiple: await question(4, "multiple_choice", "Which services do you run?", [
      "Language classes",
      "Childcare",
      "Legal advice",
    ]),
    rating: await question(5, "rating", "How well does the current strategy work?", {
      min: 1,
      max: 5,
      minLabel: "Badly",
      maxLabel: "Very well",
    }),
    ranking: await question(6, "ranking", "Rank these priorities", ["Housing", "Jobs", "Language"]),
    paragraphs: await question(7, "paragraph_comments", "Comment on the draft", [
      "The partnership will publish a plan.",
      "Every partner reports twice a year.",
    ]),
  };
  const submit = async (
    organisationId: string,
    answers: Record<string, unknown>,
    extra: { isAggregated?: boolean; themes?: string; status?: string; minutesAgo?: number } = {},
  ) => {
    const json = JSON.stringify(answers);
    const aggregatedNote = extra.isAggregated ? "We spoke with 40 women attending language courses." : "";
    const draft = extra.status === "draft";
    const submittedAt = draft ? null : new Date(Date.now() - (extra.minutesAgo ?? 0) * 60_000);
    const input = await db().submission.create({
      data: {
        consultationId: consultation.id,
        organisationId,
        isAggregated: extra.isAggregated ?? false,
        aggregatedNote,
        answers: json,
        status: extra.status ?? "submitted",
        version: draft ? 0 : 1,
        submittedAt,
        submittedById: draft ? null : focalPoint.id,
        themes: extra.themes ?? "",
        versions: draft
          ? undefined
          : {
              create: {
                version: 1,
                answers: json,
                aggregatedNote,
                submittedById: focalPoint.id,
                submittedAt: submittedAt!,
              },
            },
      },
    });
    if (!draft) await countSubmitted(input.id);
    return input;
  };
  const first = await submit(
    cso.organisation.id,
    {
      [q.short.id]: '=HYPERLINK("http://evil.example")',
      [q.long.id]: 'Waiting lists, "long" ones,\nand no evening classes',
      [q.single.id]: "Housing",
      [q.multiple.id]: ["Language classes", "Childcare"],
      [q.rating.id]: 2,
      [q.ranking.id]: ["Housing", "Language", "Jobs"],
      [q.paragraphs.id]: { "1": "Publish it in French too.", "2": "Twice is too often." },
    },
    { themes: "housing,language", minutesAgo: 30 },
  );
  const second = await submit(
    diaspora.organisation.id,
    {
      [q.short.id]: "Family reunification",
      [q.single.id]: "Employment",
      [q.multiple.id]: ["Legal advice"],
      [q.rating.id]: 4,
      [q.ranking.id]: ["Jobs", "Housing", "Language"],
      [q.paragraphs.id]: { "2": "Once a year would do." },
    },
    { themes: "family", minutesAgo: 20 },
  );
  const third = await submit(
    cso.organisation.id,
    {
      [q.long.id]: "Mothers cannot attend classes that end at 17:00.",
      [q.single.id]: "Housing",
      [q.multiple.id]: ["Childcare"],
      [q.rating.id]: 3,
      [q.ranking.id]: ["Housing", "Jobs", "Language"],
    },
    { isAggregated: true, themes: "language", minutesAgo: 10 },
  );
  const draft = await submit(
    employers.organisation.id,
    { [q.short.id]: "DRAFT-ONLY text", [q.single.id]: "Health", [q.rating.id]: 5 },
    { status: "draft" },
  );
  const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
  return {
    space,
    consultation,
    q,
    cso,
    diaspora,
    employers,
    first,
    second,
    third,
    draft,
    convenerClient,
    focalPoint,
  };
}

function byKind<K extends QuestionResult["kind"]>(results: QuestionResult[], kind: K) {
  return results.find((result) => result.kind === kind) as QuestionResult & { kind: K };
}

/** A strict RFC 4180 reader: rows of cells, quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(cell);
      cell = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      index++;
    } else cell += character;
  }
  expect(cell).toBe("");
  expect(row).toEqual([]);
  return rows;
}

describe("results aggregates", () => {
  it("counts choices, rates, ranks and paragraph comments over submitted inputs only", async () => {
    const { consultation, q } = await fixture();
    const results = await questionResults(consultation.id, await resultsQuestions(consultation.id));
    expect(results.map((result) => [result.kind, result.answered])).toEqual([
      ["short_text", 2],
      ["long_text", 2],
      ["single_choice", 3],
      ["multiple_choice", 3],
      ["rating", 3],
      ["ranking", 3],
      ["paragraph_comments", 2],
    ]);
    expect(byKind(results, "single_choice").options).toEqual([
      { label: "Housing", count: 2 },
      { label: "Employment", count: 1 },
      { label: "Health", count: 0 },
    ]);
    expect(byKind(results, "multiple_choice").options).toEqual([
      { label: "Language classes", count: 1 },
      { label: "Childcare", count: 2 },
      { label: "Legal advice", count: 1 },
    ]);
    const rating = byKind(results, "rating");
    expect(rating.mean).toBe(3);
    expect(rating.distribution).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 1 },
      { value: 3, count: 1 },
      { value: 4, count: 1 },
      { value: 5, count: 0 },
    ]);
    expect(rating.scale).toMatchObject({ minLabel: "Badly", maxLabel: "Very well" });
    expect(byKind(results, "ranking").options).toEqual([
      { label: "Housing", count: 3, averageRank: 1.33 },
      { label: "Jobs", count: 3, averageRank: 2 },
      { label: "Language", count: 3, averageRank: 2.67 },
    ]);
    expect(byKind(results, "paragraph_comments").paragraphs).toEqual([
      { number: 1, excerpt: "The partnership will publish a plan.", count: 1 },
      { number: 2, excerpt: "Every partner reports twice a year.", count: 2 },
    ]);
    expect(byKind(results, "short_text").id).toBe(q.short.id);
  });

  it("lists free-text answers and paragraph comments with their organisation, filtered by theme and type", async () => {
    const { consultation, q, cso } = await fixture();
    const questions = await resultsQuestions(consultation.id);
    const long = questions.find((question) => question.id === q.long.id)!;
    const url = new URL(`http://concord.test/consultations/${consultation.id}/results`);
    const all = await textAnswers(long, {}, url);
    expect(all.total).toEqual({ count: 2, more: false });
    expect(all.answers.map((answer) => [answer.organisationName, answer.isAggregated])).toEqual([
      [cso.organisation.name, true],
      [cso.organisation.name, false],
    ]);
    expect(all.answers[1]).toMatchObject({ organisationType: "cso", themes: ["housing", "language"] });

    const housing = await textAnswers(long, { theme: "housing" }, url);
    expect(housing.answers.map((answer) => answer.text)).toEqual([
      'Waiting lists, "long" ones,\nand no evening classes',
    ]);
    const short = questions.find((question) => question.id === q.short.id)!;
    const diaspora = await textAnswers(short, { type: "migrant_association" }, url);
    expect(diaspora.answers.map((answer) => answer.text)).toEqual(["Family reunification"]);
    expect((await textAnswers(short, { type: "private_sector" }, url)).total.count).toBe(0);

    const paragraphs = questions.find((question) => question.id === q.paragraphs.id)!;
    const comments = await textAnswers(paragraphs, {}, url);
    expect(comments.answers.map((answer) => [answer.paragraph, answer.text])).toEqual([
      [2, "Once a year would do."],
      [1, "Publish it in French too."],
      [2, "Twice is too often."],
    ]);
    const family = await textAnswers(paragraphs, { theme: "family" }, url);
    expect(family.total.count).toBe(1);
  });

  it("counts a rating question whose id sorts before a choice question's", async () => {
    // The driver adapter guesses a raw column's type from its first row: a rating's number in the first row
    // once made the choice "Employment" fail to convert ("Cannot convert Employment to a BigInt").
    const { space, focalPoint } = await createConvenedSpace();
    const cso = await createParticipantOrganisation(space.id, "CONSULT");
    const consultation = await createConsultation(space.id, focalPoint.id, { status: "open" });
    const rating = await addQuestion(consultation.id, "rating", { id: `a-rating-${consultation.id}` });
    const choice = await addQuestion(consultation.id, "single_choice", {
      id: `b-choice-${consultation.id}`,
      options: ["Housing", "Employment"],
    });
    await createSubmittedInput(consultation.id, cso.organisation.id, cso.admin.id, {
      [rating.id]: 4,
      [choice.id]: "Employment",
    });
    const results = await questionResults(consultation.id, await resultsQuestions(consultation.id));
    expect(byKind(results, "rating").distribution).toContainEqual({ value: 4, count: 1 });
    expect(byKind(results, "single_choice").options).toEqual([
      { label: "Housing", count: 0 },
      { label: "Employment", count: 1 },
    ]);
    const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
    const page = await convenerClient.get(`/consultations/${consultation.id}/results`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Mean rating: 4 on a scale of 1 to 5.");
  });
});

describe("the results page", () => {
  it("shows conveners the counts, a chart and a data table per question, and the filtered answers", async () => {
    const { consultation, q, draft, convenerClient, focalPoint } = await fixture();
    const response = await convenerClient.get(`/consultations/${consultation.id}/results`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("3 inputs submitted.");
    expect(page).toContain("1 of them is aggregated community input.");
    expect(page).toContain("1 organisation is still drafting.");
    expect(page).toContain("Submitted inputs by organisation type");
    expect(page.match(/<svg role="img" aria-label="/g)).toHaveLength(5);
    expect(page).toContain("Choices made for “3. Which sector first?”");
    expect(page).toContain("Mean rating: 3 on a scale of 1 to 5.");
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).not.toContain("DRAFT-ONLY");
    // The first text question's answers are listed by default.
    expect(page).toContain("Family reunification");

    const filtered = await (
      await convenerClient.get(
        `/consultations/${consultation.id}/results?question=${q.long.id}&theme=language&type=cso`,
      )
    ).text();
    expect(filtered).toContain("2 answers");
    expect(filtered).toContain("Mothers cannot attend classes that end at 17:00.");
    expect(filtered).toContain("Aggregated community input");
    const housing = await (
      await convenerClient.get(
        `/consultations/${consultation.id}/results?question=${q.long.id}&theme=housing`,
      )
    ).text();
    expect(housing).toContain("1 answer");
    expect(housing).not.toContain("Mothers cannot attend");

    // The draft is submitted (as version 1): the next read counts it (the cached tallies follow the results' version).
    await db().submission.update({
      where: { id: draft.id },
      data: {
        status: "submitted",
        version: 1,
        submittedAt: new Date(),
        versions: { create: { version: 1, answers: draft.answers, submittedById: focalPoint.id } },
      },
    });
    await countSubmitted(draft.id);
    const after = await (await convenerClient.get(`/consultations/${consultation.id}/results`)).text();
    expect(after).toContain("4 inputs submitted.");
    expect(after).not.toContain("is still drafting");
    expect(after).toContain("DRAFT-ONLY text");
  });
});

describe("exports", () => {
  it("streams every submitted input as CSV with quoting and neutralised formulas", async () => {
    const { consultation, first, second, third, convenerClient } = await fixture();
    const response = await convenerClient.get(`/consultations/${consultation.id}/export.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="next-immigration-strategy-2027-2029-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte order mark, for spreadsheet programs; text decoding drops it.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "submission id",
      "organisation",
      "type",
      "aggregated",
      "version",
      "submitted at",
      "Q1. In one line, what matters most?",
      "Q2. What goes wrong today?",
      "Q3. Which sector first?",
      "Q4. Which services do you run?",
      "Q5. How well does the current strategy work?",
      "Q6. Rank these priorities",
      "Q7. Comment on the draft",
    ]);
    expect(rows).toHaveLength(4);
    expect(text).not.toContain("DRAFT-ONLY");
    const row = rows.find((cells) => cells[0] === first.id)!;
    expect(row.slice(1, 5)).toEqual(["Newcomer Centre, Ottawa", "cso", "no", "1"]);
    expect(row[6]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(row[7]).toBe('Waiting lists, "long" ones,\nand no evening classes');
    expect(row.slice(8)).toEqual([
      "Housing",
      "Language classes; Childcare",
      "2",
      // The same text form as the review page's: one numbered line per position.
      "1. Housing\n2. Language\n3. Jobs",
      "¶1: Publish it in French too.\n¶2: Twice is too often.",
    ]);
    expect(text).toContain('"Newcomer Centre, Ottawa"');
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"")"');
    expect(rows.find((cells) => cells[0] === third.id)![3]).toBe("yes");
    expect(rows.find((cells) => cells[0] === second.id)![6]).toBe("Family reunification");
  });

  it("prints every answer in the CSV as the review page shows it", async () => {
    const { consultation, first, convenerClient } = await fixture();
    const rows = parseCsv(
      await (await convenerClient.get(`/consultations/${consultation.id}/export.csv`)).text(),
    );
    const review = await (await convenerClient.get(`/consultations/${consultation.id}/review`)).text();
    // As React writes text into the page.
    const html = (text: string) =>
      text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#x27;");
    const cells = rows.find((cells) => cells[0] === first.id)!.slice(7);
    // Long text, single and multiple choice, rating, ranking, comments by paragraph (the short text's formula is neutralised).
    expect(cells).toHaveLength(6);
    for (const cell of cells) expect(review).toContain(`<dd class="prewrap">${html(cell)}</dd>`);
  });

  it("neutralises every cell a spreadsheet would run as a formula, organisation names included", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const cso = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "@Newcomers United" },
    });
    const consultation = await createConsultation(space.id, focalPoint.id, { status: "open" });
    const prompts = ["=1+1", "+Plus", "-Minus", "@At", "\tTab", "\rReturn", "Harmless"];
    const questions = [];
    for (const prompt of prompts)
      questions.push(await addQuestion(consultation.id, "short_text", { prompt }));
    const choices = await addQuestion(consultation.id, "multiple_choice", {
      prompt: "Which?",
      options: ["=cmd|' /C calc'!A0", "Other"],
    });
    const answers = [
      '=HYPERLINK("http://evil.example")',
      "+33 1 23",
      "-2",
      "@SUM(A1:A9)",
      "\tx",
      "\ry",
      "2 + 2",
    ];
    const input = await createSubmittedInput(consultation.id, cso.organisation.id, cso.admin.id, {
      ...Object.fromEntries(questions.map((question, index) => [question.id, answers[index]])),
      [choices.id]: ["=cmd|' /C calc'!A0", "Other"],
    });
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const rows = parseCsv(await (await client.get(`/consultations/${consultation.id}/export.csv`)).text());
    // A prompt heads its column after its number: "Q1. =1+1" starts with Q, nothing to neutralise.
    expect(rows[0]!.slice(6)).toEqual([
      ...prompts.map((prompt, index) => `Q${index + 1}. ${prompt}`),
      "Q8. Which?",
    ]);
    const row = rows.find((cells) => cells[0] === input.id)!;
    expect(row[1]).toBe("'@Newcomers United");
    expect(row.slice(6)).toEqual([
      '\'=HYPERLINK("http://evil.example")',
      "'+33 1 23",
      "'-2",
      "'@SUM(A1:A9)",
      "'\tx",
      "'\ry",
      "2 + 2",
      "'=cmd|' /C calc'!A0; Other",
    ]);
  });

  it("streams every submitted input as valid JSON", async () => {
    const { consultation, q, first, draft, convenerClient } = await fixture();
    const response = await convenerClient.get(`/consultations/${consultation.id}/export.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.json"/);
    const body = (await response.json()) as {
      consultation: { id: string };
      questions: { id: string; kind: string; choices?: string[] }[];
      submissions: {
        id: string;
        isAggregated: boolean;
        answers: Record<string, unknown>;
        themes: string[];
      }[];
    };
    expect(body.consultation.id).toBe(consultation.id);
    expect(body.questions).toHaveLength(7);
    expect(body.questions[2]).toMatchObject({
      kind: "single_choice",
      choices: ["Housing", "Employment", "Health"],
    });
    expect(body.submissions).toHaveLength(3);
    expect(body.submissions.map((submission) => submission.id)).not.toContain(draft.id);
    const own = body.submissions.find((submission) => submission.id === first.id)!;
    expect(own.answers[q.multiple.id]).toEqual(["Language classes", "Childcare"]);
    expect(own.themes).toEqual(["housing", "language"]);
  });

  it("pages through more inputs than one page holds", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const consultation = await db().consultation.create({
      data: {
        spaceId: space.id,
        title: "Large",
        purpose: "Many inputs",
        status: "open",
        closesAt: new Date(Date.now() + day),
        feedbackDueAt: new Date(Date.now() + 30 * day),
        createdById: focalPoint.id,
      },
    });
    const question = await db().consultationQuestion.create({
      data: { consultationId: consultation.id, position: 1, kind: "short_text", prompt: "Say it" },
    });
    const organisations = Array.from({ length: 1001 }, (_, index) => ({
      id: `bulk-${consultation.id}-${index}`,
      name: `Bulk organisation ${index} of ${consultation.id}`,
      type: "cso",
      governanceLevel: "local",
      place: "Ottawa",
      country: "CA",
      contactName: "Contact",
      contactEmail: `bulk-${index}@example.org`,
    }));
    await db().organisation.createMany({ data: organisations });
    await db().submission.createMany({
      data: organisations.map((organisation, index) => ({
        id: `bulk-input-${consultation.id}-${index}`,
        consultationId: consultation.id,
        organisationId: organisation.id,
        answers: JSON.stringify({ [question.id]: `Answer ${index}` }),
        status: "submitted",
        version: 1,
        submittedAt: new Date(),
      })),
    });
    await db().submissionVersion.createMany({
      data: organisations.map((_, index) => ({
        submissionId: `bulk-input-${consultation.id}-${index}`,
        version: 1,
        answers: JSON.stringify({ [question.id]: `Answer ${index}` }),
        submittedById: focalPoint.id,
      })),
    });
    const client = await Browserless.signedIn(server.origin, focalPoint.email);
    const csv = await (await client.get(`/consultations/${consultation.id}/export.csv`)).text();
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1002);
    expect(new Set(rows.slice(1).map((cells) => cells[0])).size).toBe(1001);
    const json = (await (await client.get(`/consultations/${consultation.id}/export.json`)).json()) as {
      submissions: unknown[];
    };
    expect(json.submissions).toHaveLength(1001);

    // A client that goes away mid-download stops the export; the server keeps serving.
    for (const format of ["csv", "json"]) {
      const response = await client.get(`/consultations/${consultation.id}/export.${format}`);
      const reader = response.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      parseCsv(await (await client.get(`/consultations/${consultation.id}/export.csv`)).text()),
    ).toHaveLength(1002);
  });
});

describe("who may see results", () => {
  it("answers 404 to participants and outsiders on the results page and both exports", async () => {
    const { consultation, cso } = await fixture();
    const participant = await Browserless.signedIn(server.origin, cso.admin.email);
    const { person: outsider } = await createMember();
    const outsiderClient = await Browserless.signedIn(server.origin, outsider.email);
    const loner = await createPerson();
    const lonerClient = await Browserless.signedIn(server.origin, loner.email);
    // The participant sees the consultation itself…
    expect((await participant.get(`/consultations/${consultation.id}`)).status).toBe(200);
    for (const client of [participant, outsiderClient, lonerClient]) {
      for (const path of ["results", "export.csv", "export.json"]) {
        const response = await client.get(`/consultations/${consultation.id}/${path}`);
        expect(response.status, `${path}`).toBe(404);
        const body = await response.text();
        expect(body).not.toContain("Family reunification");
        expect(body).not.toContain("Somali Families Association");
      }
    }
    const anonymous = new Browserless(server.origin);
    const response = await anonymous.get(`/consultations/${consultation.id}/export.csv`);
    expect(response.status).toBe(302);
  });
});

describe("the response rate", () => {
  it("says how many of the organisations the consultation is put to have answered, and names the others", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const answering = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Answered Already Association" },
    });
    await createParticipantOrganisation(space.id, "INVOLVE", {
      organisation: { name: "Still Quiet Collective" },
    });
    await createParticipantOrganisation(space.id, "CONSULT", { organisation: { name: "Not Yet Network" } });
    await createParticipantOrganisation(space.id, "INFORM", {
      organisation: { name: "Only Informed Group" },
    });
    await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Gone Away Union" },
      status: "left",
    });
    const consultation = await createConsultation(space.id, focalPoint.id, { status: "open" });
    const question = await addQuestion(consultation.id, "short_text");
    await createSubmittedInput(consultation.id, answering.organisation.id, answering.admin.id, {
      [question.id]: "Yes",
    });
    const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
    const page = await (await convenerClient.get(`/consultations/${consultation.id}/results`)).text();
    expect(page).toContain("1 of 3 organisations it is put to have answered.");
    expect(page).toContain("2 organisations have not answered yet");
    const notYet = page.slice(page.indexOf("have not answered yet"), page.indexOf("</details>"));
    expect(notYet).toContain("Not Yet Network");
    expect(notYet).toContain("Still Quiet Collective");
    expect(notYet).not.toContain("Answered Already Association");
    expect(page).not.toContain("Only Informed Group");
    expect(page).not.toContain("Gone Away Union");
  });
});
