import { describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { readConsultationResource } from "~/modules/consultations/access.server";
import { draftBase, readAnswers, readRevisions, storedAnswers } from "~/modules/consultations/answers";
import { questionResults, resultsQuestions } from "~/modules/consultations/results.server";
import { respondToInputs } from "~/modules/consultations/respond-to-inputs.server";
import type { PostedInput } from "~/modules/consultations/save-draft.server";
import { submitSubmission } from "~/modules/consultations/submit-submission.server";
import { tagInput } from "~/modules/consultations/tag-input.server";
import { inputCounter, splitThemes, TallyChanges } from "~/modules/consultations/tallies.server";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation } from "./consultation-factories";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";

/**
 * The tallies and listed answers the commands keep as they write (ADR 0022) against a recount from scratch:
 * every submitted input's latest version counted again, as if the consultation had just been migrated.
 */
async function recount(consultationId: string) {
  const questions = await db().consultationQuestion.findMany({
    where: { consultationId },
    select: { id: true, kind: true, options: true },
  });
  const inputs = await db().submission.findMany({
    where: { consultationId, status: "submitted" },
    select: {
      id: true,
      version: true,
      isAggregated: true,
      themes: true,
      response: { select: { outcome: true } },
      versions: { select: { version: true, answers: true, organisationType: true } },
    },
  });
  const count = inputCounter(questions);
  const changes = new TallyChanges();
  const listed: { questionId: string; submissionId: string; paragraph: number; text: string }[] = [];
  for (const input of inputs) {
    const latest = input.versions.find((version) => version.version === input.version)!;
    const rows = count(
      changes,
      {
        answers: latest.answers,
        organisationType: latest.organisationType,
        isAggregated: input.isAggregated,
        themes: splitThemes(input.themes),
        outcome: input.response?.outcome ?? null,
      },
      1,
    );
    listed.push(...rows.map((row) => ({ ...row, submissionId: input.id })));
  }
  return { tallies: changes.rows(), listed: sortListed(listed) };
}

const sortListed = <T extends { questionId: string; submissionId: string; paragraph: number }>(rows: T[]) =>
  rows.sort((a, b) =>
    `${a.questionId}/${a.submissionId}/${a.paragraph}`.localeCompare(
      `${b.questionId}/${b.submissionId}/${b.paragraph}`,
    ),
  );

/** What the commands kept: the tally rows that count something, and the listed answers. */
async function kept(consultationId: string) {
  const tallies = await db().resultTally.findMany({
    where: { consultationId, OR: [{ count: { not: 0 } }, { positionSum: { not: 0 } }] },
    select: { subject: true, bucket: true, count: true, positionSum: true },
  });
  const listed = await db().listedAnswer.findMany({
    where: { question: { consultationId } },
    select: { questionId: true, submissionId: true, paragraph: true, text: true },
  });
  return {
    tallies: tallies.sort((a, b) =>
      a.subject === b.subject ? cmp(a.bucket, b.bucket) : cmp(a.subject, b.subject),
    ),
    listed: sortListed(listed),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function expectTalliesToMatchRecount(consultationId: string) {
  expect(await kept(consultationId)).toEqual(await recount(consultationId));
}

/** An open consultation with one question of each kind, and four organisations at CONSULT. */
async function consultationOfEveryKind() {
  const { space, focalPoint } = await createConvenedSpace();
  const consultation = await createConsultation(space.id, focalPoint.id, { status: "open" });
  const q = {
    short: await addQuestion(consultation.id, "short_text"),
    long: await addQuestion(consultation.id, "long_text"),
    single: await addQuestion(consultation.id, "single_choice", { options: ["Yes", "No", "Not sure"] }),
    multiple: await addQuestion(consultation.id, "multiple_choice", {
      options: ["Housing", "Employment", "Language classes"],
    }),
    rating: await addQuestion(consultation.id, "rating"),
    ranking: await addQuestion(consultation.id, "ranking", { options: ["Housing", "Employment", "Health"] }),
    paragraphs: await addQuestion(consultation.id, "paragraph_comments"),
  };
  const organisations = [];
  for (const type of ["cso", "migrant_association", "trade_union", "academic"])
    organisations.push(await createParticipantOrganisation(space.id, "CONSULT", { organisation: { type } }));
  return { space, focalPoint, consultation, q, organisations };
}

type Fixture = Awaited<ReturnType<typeof consultationOfEveryKind>>;

/** What a page showing the organisation's current draft posts as its base: a revision replaces it knowingly. */
async function baselineOf(consultationId: string, organisationId: string, aggregated: boolean) {
  const [questions, draft] = await Promise.all([
    db().consultationQuestion.findMany({
      where: { consultationId },
      select: { id: true, kind: true, required: true, options: true },
    }),
    db().submission.findFirst({
      where: { consultationId, organisationId, isAggregated: aggregated },
      select: { answers: true, aggregatedNote: true, answerRevisions: true },
    }),
  ]);
  if (!draft) return "";
  const { answers } = readAnswers(questions, storedAnswers(draft.answers));
  return JSON.stringify(
    draftBase(questions, answers, draft.aggregatedNote, readRevisions(draft.answerRevisions)),
  );
}

/** Submits (or revises) an organisation's input through the submit command, as its lead delegate. */
async function submit(
  fixture: Fixture,
  organisation: Fixture["organisations"][number],
  answers: Record<string, unknown>,
  options: { aggregated?: boolean } = {},
) {
  const actor = (await actorForPerson(organisation.admin.id))!;
  const loaded = (await readConsultationResource(actor, fixture.consultation.id))!;
  const aggregated = options.aggregated ?? false;
  const posted: PostedInput = {
    baseline: await baselineOf(fixture.consultation.id, organisation.organisation.id, aggregated),
    organisationId: organisation.organisation.id,
    aggregated,
    answers: answers as PostedInput["answers"],
    malformed: [],
    aggregatedNote: aggregated ? "We met 30 families at the community centre." : "",
  };
  const result = await submitSubmission(actor, loaded, posted);
  expect(result).toMatchObject({ ok: true });
}

function everyKind({ q }: Fixture, variant: number) {
  const pick = <T>(list: T[]) => list[variant % list.length]!;
  return {
    [q.short.id]: `Short answer ${variant}`,
    [q.long.id]: `A longer answer, number ${variant},\nover two lines.`,
    [q.single.id]: pick(["Yes", "No", "Not sure"]),
    [q.multiple.id]: variant % 2 ? ["Housing", "Language classes"] : ["Employment"],
    [q.rating.id]: (variant % 5) + 1,
    [q.ranking.id]: variant % 2 ? ["Health", "Housing", "Employment"] : ["Housing", "Employment", "Health"],
    [q.paragraphs.id]:
      variant % 2 ? { "1": `Paragraph one, ${variant}` } : { "1": "Yes.", "2": `Two, ${variant}` },
  };
}

describe("results computed on write", () => {
  it("equal a recount after submissions, revisions, tags and responses, for every question kind", async () => {
    const fixture = await consultationOfEveryKind();
    const { consultation, q, organisations, focalPoint } = fixture;
    const [first, second, third] = organisations as [
      Fixture["organisations"][number],
      Fixture["organisations"][number],
      Fixture["organisations"][number],
    ];
    await submit(fixture, first, everyKind(fixture, 1));
    await submit(fixture, second, everyKind(fixture, 2));
    await submit(fixture, second, everyKind(fixture, 3), { aggregated: true });
    await expectTalliesToMatchRecount(consultation.id);

    // A revision trades every answer for another, and leaves some questions unanswered.
    await submit(fixture, first, {
      [q.single.id]: "Not sure",
      [q.rating.id]: 5,
      [q.ranking.id]: ["Employment", "Health", "Housing"],
      [q.paragraphs.id]: { "2": "Only the second paragraph now." },
    });
    // The organisation changed its type before revising: the input counts under the new one.
    await db().organisation.update({ where: { id: third.organisation.id }, data: { type: "cso" } });
    await submit(fixture, third, everyKind(fixture, 4));
    await db().organisation.update({ where: { id: third.organisation.id }, data: { type: "academic" } });
    await submit(fixture, third, everyKind(fixture, 5));
    await expectTalliesToMatchRecount(consultation.id);

    const results = await questionResults(consultation.id, await resultsQuestions(consultation.id));
    const single = results.find((result) => result.id === q.single.id)!;
    expect(single).toMatchObject({
      answered: 4,
      options: [
        { label: "Yes", count: 1 },
        { label: "No", count: 0 },
        { label: "Not sure", count: 3 },
      ],
    });
    expect(results.find((result) => result.id === q.short.id)!.answered).toBe(3);

    // Closed: the conveners tag inputs and answer them, re-pointing one.
    await db().consultation.update({ where: { id: consultation.id }, data: { status: "closed" } });
    const convener = (await actorForPerson(focalPoint.id))!;
    const loaded = (await readConsultationResource(convener, consultation.id))!;
    const inputs = await db().submission.findMany({
      where: { consultationId: consultation.id, status: "submitted" },
      orderBy: { submittedAt: "asc" },
    });
    await tagInput(convener, loaded, { submissionId: inputs[0]!.id, themes: ["housing", "language"] }, null);
    await tagInput(convener, loaded, { submissionId: inputs[1]!.id, themes: ["housing"] }, null);
    await tagInput(convener, loaded, { submissionId: inputs[0]!.id, themes: ["language", "health"] }, null);
    const response = { explanation: "Noted.", changeMade: "Action 2 changed." };
    await respondToInputs(
      convener,
      loaded,
      { submissionIds: [inputs[0]!.id, inputs[1]!.id], outcome: "accepted", ...response },
      null,
    );
    await respondToInputs(
      convener,
      loaded,
      { submissionIds: [inputs[1]!.id, inputs[2]!.id], outcome: "out_of_scope", ...response, changeMade: "" },
      null,
    );
    await expectTalliesToMatchRecount(consultation.id);
    const { tallies } = await kept(consultation.id);
    expect(tallies.filter((row) => row.subject === "@theme")).toEqual([
      { subject: "@theme", bucket: "health", count: 1, positionSum: 0 },
      { subject: "@theme", bucket: "housing", count: 1, positionSum: 0 },
      { subject: "@theme", bucket: "language", count: 1, positionSum: 0 },
    ]);
    expect(tallies.filter((row) => row.subject === "@outcome")).toEqual([
      { subject: "@outcome", bucket: "accepted", count: 1, positionSum: 0 },
      { subject: "@outcome", bucket: "out_of_scope", count: 2, positionSum: 0 },
    ]);
    expect(
      (await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } })).resultsVersion,
    ).toBe(11);
  });

  it("stay exact when organisations submit and revise at the same time", async () => {
    const fixture = await consultationOfEveryKind();
    const { space, consultation, q } = fixture;
    const organisations = [...fixture.organisations];
    for (let index = 0; index < 4; index++)
      organisations.push(await createParticipantOrganisation(space.id, "CONSULT"));
    // Half of them have submitted once already; now all of them submit at once.
    await Promise.all(
      organisations
        .slice(0, 4)
        .map((organisation, index) => submit(fixture, organisation, everyKind(fixture, index))),
    );
    await Promise.all(
      organisations.map((organisation, index) =>
        submit(fixture, organisation, everyKind(fixture, index + 1)),
      ),
    );
    await expectTalliesToMatchRecount(consultation.id);
    const results = await questionResults(consultation.id, await resultsQuestions(consultation.id));
    expect(results.map((result) => result.answered)).toEqual(Array(7).fill(8));
    const rating = results.find((result) => result.id === q.rating.id)!;
    expect(rating.kind === "rating" && rating.distribution.reduce((all, point) => all + point.count, 0)).toBe(
      8,
    );
  });
});
