import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { loadConsultationResource } from "~/modules/consultations/access.server";
import { resultsPage, resultsQuestions } from "~/modules/consultations/results.server";
import { saveDraft } from "~/modules/consultations/save-draft.server";
import { RefusalError } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation } from "./consultation-factories";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

/*
 * Who answers a consultation put to chosen organisations: the chosen ones that take part in the space at
 * CONSULT or above — never one removed from the space, gone, invited and not yet in, or below the level,
 * whatever the audience says. What an organisation submitted while it could stays in the record the
 * conveners read; nothing more comes from it once it is out.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const signedIn = (email: string) => Browserless.signedIn(server.origin, email);

/** A space whose open consultation is put to a CONSULT organisation and to each one of `others` by name. */
async function chosenConsultation(
  others: { level: "INFORM" | "CONSULT"; status?: "invited" | "active" }[] = [],
) {
  const { space, focalPoint } = await createConvenedSpace();
  const staying = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Staying Collective" },
  });
  const leaving = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Soon Removed Network" },
  });
  const more = [];
  for (const other of others) more.push(await createParticipantOrganisation(space.id, other.level, other));
  const consultation = await createConsultation(space.id, focalPoint.id, {
    title: "Chosen consultation on housing",
    audience: "chosen",
    organisationIds: [staying, leaving, ...more].map(({ organisation }) => organisation.id),
    status: "open",
  });
  const question = await addQuestion(consultation.id, "short_text", { prompt: "What is missing?" });
  return {
    space,
    consultation,
    question,
    staying,
    leaving,
    more,
    convener: await signedIn(focalPoint.email),
  };
}

const answer = (
  organisationId: string,
  questionId: string,
  text: string,
  extra: Record<string, string> = {},
) => ({
  organisationId,
  aggregated: "false",
  baseline: "",
  [`answers.${questionId}`]: text,
  ...extra,
});

describe("an organisation removed from the space, though chosen", () => {
  it("answers nothing more, while what it submitted before stays in the record", async () => {
    const { space, consultation, question, staying, leaving, convener } = await chosenConsultation();
    const respond = `/consultations/${consultation.id}/respond`;
    const leaver = await signedIn(leaving.admin.email);
    const submitted = await leaver.post(respond, {
      intent: "submit",
      ...answer(leaving.organisation.id, question.id, "Family housing near schools."),
    });
    expect(submitted.status).toBe(302);
    // It also started gathering its community's input, still a draft.
    const aggregated = await leaver.post(respond, {
      intent: "save",
      ...answer(leaving.organisation.id, question.id, "From our language classes.", { aggregated: "true" }),
    });
    expect(aggregated.status).toBe(302);
    const stayer = await signedIn(staying.admin.email);
    expect(
      (
        await stayer.post(respond, {
          intent: "save",
          ...answer(staying.organisation.id, question.id, "Rooms."),
        })
      ).status,
    ).toBe(302);

    const removed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "remove",
      organisationId: leaving.organisation.id,
      rationale: "It no longer works in the city.",
    });
    expect(removed.status).toBe(302);

    const before = await db().submission.findMany({
      where: { consultationId: consultation.id, organisationId: leaving.organisation.id },
      orderBy: { isAggregated: "asc" },
    });
    for (const path of [
      `/consultations/${consultation.id}`,
      respond,
      `/consultations/${consultation.id}/report`,
    ])
      expect((await leaver.get(path)).status, path).toBe(404);
    for (const intent of ["save", "submit"])
      for (const aggregatedFlag of ["false", "true"]) {
        const refused = await leaver.post(respond, {
          intent,
          ...answer(leaving.organisation.id, question.id, "Written after the removal.", {
            aggregated: aggregatedFlag,
          }),
        });
        expect(refused.status, `${intent} ${aggregatedFlag}`).toBe(404);
      }
    expect(
      await db().submission.findMany({
        where: { consultationId: consultation.id, organisationId: leaving.organisation.id },
        orderBy: { isAggregated: "asc" },
      }),
    ).toEqual(before);
    expect(
      await db().submissionVersion.count({ where: { submission: { consultationId: consultation.id } } }),
    ).toBe(1);

    // The conveners still read its input, counted with the rest; its unfinished draft is no longer under way.
    const { counts } = await resultsPage(
      consultation,
      await resultsQuestions(consultation.id),
      undefined,
      {},
      new URL(`http://concord.test/consultations/${consultation.id}/results`),
    );
    expect(counts).toMatchObject({ submitted: 1, drafts: 1 });
    const csv = await (await convener.get(`/consultations/${consultation.id}/export.csv`)).text();
    expect(csv).toContain("Soon Removed Network");
    expect(csv).toContain("Family housing near schools.");
    expect(csv).not.toContain("Written after the removal.");
  });

  it("saves nothing when the removal comes while one of its people is typing", async () => {
    const { space, consultation, question, leaving, convener } = await chosenConsultation();
    const actor = (await actorForPerson(leaving.admin.id))!;
    // The page was read, and the consultation loaded, before the removal.
    const loaded = (await loadConsultationResource(actor, consultation.id))!;
    const removed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "remove",
      organisationId: leaving.organisation.id,
      rationale: "It no longer works in the city.",
    });
    expect(removed.status).toBe(302);
    const refused = await saveDraft(actor, loaded, {
      organisationId: leaving.organisation.id,
      aggregated: false,
      answers: { [question.id]: "Typed before, saved after the removal." },
      malformed: [],
      aggregatedNote: "",
      baseline: "",
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RefusalError);
    expect((refused as RefusalError).status).toBe(403);
    expect(await db().submission.count({ where: { consultationId: consultation.id } })).toBe(0);
  });
});

describe("a chosen organisation that does not take part at CONSULT", () => {
  it("invited and not yet in, neither reads nor answers until it joins; then it does", async () => {
    const { space, consultation, question, more } = await chosenConsultation([
      { level: "CONSULT", status: "invited" },
    ]);
    const invited = more[0]!;
    const client = await signedIn(invited.admin.email);
    const respond = `/consultations/${consultation.id}/respond`;
    expect((await client.get(`/consultations/${consultation.id}`)).status).toBe(404);
    expect(
      (
        await client.post(respond, {
          intent: "save",
          ...answer(invited.organisation.id, question.id, "Early."),
        })
      ).status,
    ).toBe(404);
    const joined = await client.post(`/spaces/${space.id}/participation`, {
      intent: "respond",
      organisationId: invited.organisation.id,
      response: "accept",
    });
    expect(joined.status).toBe(302);
    expect((await client.get(`/consultations/${consultation.id}`)).status).toBe(200);
    const saved = await client.post(respond, {
      intent: "submit",
      ...answer(invited.organisation.id, question.id, "Now that we are in."),
    });
    expect(saved.status).toBe(302);
  });

  it("below CONSULT, reads the consultation as everyone in the space does but may not answer it (403)", async () => {
    const { consultation, question, more } = await chosenConsultation([{ level: "INFORM" }]);
    const informed = more[0]!;
    const client = await signedIn(informed.admin.email);
    expect((await client.get(`/consultations/${consultation.id}`)).status).toBe(200);
    for (const intent of ["save", "submit"]) {
      const refused = await client.post(`/consultations/${consultation.id}/respond`, {
        intent,
        ...answer(informed.organisation.id, question.id, "We were chosen."),
      });
      expect(refused.status, intent).toBe(403);
    }
    expect(await db().submission.count({ where: { consultationId: consultation.id } })).toBe(0);
  });
});

describe("a public consultation", () => {
  it("stays open to any verified organisation, one removed from the space included, as designed", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const removed = await createParticipantOrganisation(space.id, "CONSULT", { status: "left" });
    const consultation = await createConsultation(space.id, focalPoint.id, {
      audience: "public",
      status: "open",
    });
    const question = await addQuestion(consultation.id, "short_text");
    const client = await signedIn(removed.admin.email);
    expect((await client.get(`/consultations/${consultation.id}`)).status).toBe(200);
    const submitted = await client.post(`/consultations/${consultation.id}/respond`, {
      intent: "submit",
      ...answer(removed.organisation.id, question.id, "As anyone may."),
    });
    expect(submitted.status).toBe(302);
  });
});
