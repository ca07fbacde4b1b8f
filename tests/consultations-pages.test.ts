import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addQuestion, createConsultation, createSubmittedInput } from "./consultation-factories";
import { createOrganisation } from "../prisma/factories/people";
import { createConvenedSpace } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const dayMs = 24 * 60 * 60 * 1000;

/** A closed consultation with `count` submitted inputs answering its one text question, oldest first. */
async function consultationWithInputs(count: number) {
  const { space, focalPoint } = await createConvenedSpace();
  const consultation = await createConsultation(space.id, focalPoint.id, {
    status: "closed",
    closesAt: new Date(Date.now() - dayMs),
    closedAt: new Date(Date.now() - dayMs),
  });
  const question = await addQuestion(consultation.id, "short_text", { prompt: "What should change?" });
  for (let index = 0; index < count; index++) {
    const number = String(index).padStart(2, "0");
    const organisation = await createOrganisation({ name: `Partner ${number}` });
    await createSubmittedInput(
      consultation.id,
      organisation.id,
      focalPoint.id,
      { [question.id]: `Answer number ${number}` },
      { submittedAt: new Date(Date.now() - (count - index) * 60_000) },
    );
  }
  const client = await Browserless.signedIn(server.origin, focalPoint.email);
  return { consultation, client };
}

/** The href of the page's link with this rel, as the browser would follow it. */
function linkOf(html: string, rel: "next" | "prev") {
  const tag = [...html.matchAll(/<a\b[^>]*>/g)]
    .map((match) => match[0])
    .find((a) => a.includes(`rel="${rel}"`));
  const href = tag && /href="([^"]*)"/.exec(tag)?.[1];
  return href ? href.replace(/&amp;/g, "&") : null;
}

/** The inputs listed (as rendered, not in the page's data for hydration), by number. */
const partners = (html: string) =>
  [...html.matchAll(/class="card__title">Partner (\d\d)</g)].map((match) => match[1]!);
const answers = (html: string) =>
  [...html.matchAll(/class="results-answer">Answer number (\d\d)</g)].map((match) => match[1]!);
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => String(from + index).padStart(2, "0"));

describe("the review page, a page at a time", () => {
  it("walks the inputs in the order they came in, and refuses a cursor it did not sign", async () => {
    const { consultation, client } = await consultationWithInputs(45);
    const review = `/consultations/${consultation.id}/review`;
    const first = await client.get(review);
    expect(first.status).toBe(200);
    const firstPage = await first.text();
    // Each input is named once in its card.
    expect(partners(firstPage)).toEqual(range(0, 20));
    expect(firstPage).toContain("0 of 45 inputs answered");
    expect(linkOf(firstPage, "prev")).toBeNull();

    const next = linkOf(firstPage, "next")!;
    expect(next).toMatch(new RegExp(`^${review}\\?cursor=`));
    const secondPage = await (await client.get(next)).text();
    expect(partners(secondPage)).toEqual(range(20, 40));
    const thirdPage = await (await client.get(linkOf(secondPage, "next")!)).text();
    expect(partners(thirdPage)).toEqual(range(40, 45));
    expect(linkOf(thirdPage, "next")).toBeNull();
    const back = await (await client.get(linkOf(thirdPage, "prev")!)).text();
    expect(partners(back)).toEqual(range(20, 40));

    // A cursor changed by hand, made up, or taken from another list: the first page, a notice, status 400.
    const cursor = new URL(next, server.origin).searchParams.get("cursor")!;
    const [payload, signature] = cursor.split(".") as [string, string];
    const later = Buffer.from(JSON.stringify(["a", Date.now(), "zzzz"])).toString("base64url");
    for (const forged of [
      `${later}.${signature}`,
      `${payload.slice(0, -2)}AA.${signature}`,
      "not-a-cursor",
    ]) {
      const response = await client.get(`${review}?${new URLSearchParams({ cursor: forged })}`);
      expect(response.status, forged).toBe(400);
      const page = await response.text();
      expect(page).toContain("That page link was not valid");
      expect(partners(page)).toEqual(range(0, 20));
    }
    // The review's cursor names no page of the results' answers.
    const results = await client.get(
      `/consultations/${consultation.id}/results?${new URLSearchParams({ cursor })}`,
    );
    expect(results.status).toBe(400);
    expect(answers(await results.text())).toEqual(range(0, 45).reverse());
  });

  it("keeps the filter across pages", async () => {
    const { consultation, client } = await consultationWithInputs(25);
    const unanswered = `/consultations/${consultation.id}/review?show=unanswered`;
    const firstPage = await (await client.get(unanswered)).text();
    expect(partners(firstPage)).toEqual(range(0, 20));
    const next = linkOf(firstPage, "next")!;
    expect(next).toContain("show=unanswered");
    expect(partners(await (await client.get(next)).text())).toEqual(range(20, 25));
  });
});

describe("the results page's free-text answers, a page at a time", () => {
  it("lists the newest first, 50 a page, with the total from the tallies", async () => {
    const { consultation, client } = await consultationWithInputs(55);
    const firstPage = await (await client.get(`/consultations/${consultation.id}/results`)).text();
    expect(firstPage).toContain("55 answers");
    expect(answers(firstPage)).toEqual(range(5, 55).reverse());
    const next = linkOf(firstPage, "next")!;
    expect(next).toMatch(/#results-answers-heading$/);
    expect(answers(await (await client.get(next)).text())).toEqual(range(0, 5).reverse());
  });
});
