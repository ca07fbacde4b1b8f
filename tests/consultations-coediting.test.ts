import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rooms, type Ack, type DraftEditor } from "~/realtime/contract";
import { db } from "~/utils/db.server";
import { domainEvents } from "~/utils/events.server";
import { addMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { eventTimeoutMs, nextEvent, noEvent, socketClients } from "./support/sockets";
import { baselineOf } from "./support/pages";

/**
 * Two people of one organisation co-editing its shared draft (ADR 0026): every save carries the base each
 * answer was based on; the server merges edits to different answers and returns a conflict for the same one,
 * settled by the person's choice. These reproduce the three ways text was lost or doubled before.
 */

let server: TestServer;
const sockets = socketClients(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => sockets.closeAll());
afterAll(async () => {
  await server.close();
});

const signedIn = (email: string) => Browserless.signedIn(server.origin, email);
const dayMs = 24 * 60 * 60 * 1000;

async function openConsultation() {
  const { space, focalPoint } = await createConvenedSpace();
  const { organisation, admin: lead } = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Newcomer Women Collective" },
  });
  const nadia = await createPerson({ name: "Nadia Haddad" });
  const omar = await createPerson({ name: "Omar Diallo" });
  await addMember(nadia.id, organisation.id);
  await addMember(omar.id, organisation.id);
  const { admin: outsider } = await createParticipantOrganisation(space.id, "CONSULT");
  const consultation = await db().consultation.create({
    data: {
      spaceId: space.id,
      title: "Settlement strategy 2026",
      purpose: "What should the strategy change?",
      status: "open",
      openedAt: new Date(),
      closesAt: new Date(Date.now() + 10 * dayMs),
      feedbackDueAt: new Date(Date.now() + 40 * dayMs),
      createdById: focalPoint.id,
    },
  });
  const question = (position: number, prompt: string) =>
    db().consultationQuestion.create({
      data: {
        consultationId: consultation.id,
        position,
        kind: "long_text",
        prompt,
        required: false,
        options: "[]",
      },
    });
  const q1 = await question(1, "What works well?");
  const q2 = await question(2, "What should change?");
  return {
    organisation,
    lead,
    nadia,
    omar,
    outsider,
    consultation,
    q1,
    q2,
    url: `/consultations/${consultation.id}/respond`,
  };
}

async function stored(consultationId: string, organisationId: string) {
  const submission = await db().submission.findUniqueOrThrow({
    where: {
      consultationId_organisationId_isAggregated: { consultationId, organisationId, isAggregated: false },
    },
  });
  return JSON.parse(submission.answers) as Record<string, unknown>;
}

/** One person's open page: the base it was rendered with, and saves from it as the form posts them. */
async function openPage(client: Browserless, url: string, organisationId: string) {
  const page = { base: baselineOf(await (await client.get(url)).text(), organisationId) };
  const save = (answers: Record<string, string>, extra: Record<string, string> = {}) =>
    client.post(url, {
      intent: "save",
      organisationId,
      aggregated: "false",
      baseline: page.base,
      ...Object.fromEntries(Object.entries(answers).map(([id, text]) => [`answers.${id}`, text])),
      ...extra,
    });
  /** A save that was redirected (no conflict): the page is read again, with its new base. */
  const saveAndReload = async (answers: Record<string, string>, extra: Record<string, string> = {}) => {
    const response = await save(answers, extra);
    expect(response.status).toBe(302);
    const html = await client.landOn(response);
    page.base = baselineOf(html, organisationId);
    return html;
  };
  return Object.assign(page, { save, saveAndReload });
}

describe("two colleagues saving one shared draft from stale bases", () => {
  it("never makes saved text disappear: the second save of the same answer is a conflict, both kept", async () => {
    const { organisation, nadia, omar, consultation, q1, url } = await openConsultation();
    const pageNadia = await openPage(await signedIn(nadia.email), url, organisation.id);
    const pageOmar = await openPage(await signedIn(omar.email), url, organisation.id);

    await pageNadia.saveAndReload({ [q1.id]: "Nadia's words about the welcome desk." });
    // Omar's page was opened before Nadia's save: his answer to the same question must not replace hers.
    const reply = await pageOmar.save({ [q1.id]: "Omar's words about the library." });
    expect(reply.status).toBe(200);
    const html = await reply.text();
    expect(html).toContain("A colleague changed an answer you changed too.");
    expect(html).toMatch(/Nadia Haddad changed this answer at/);
    expect(html).toContain("Nadia&#x27;s words about the welcome desk.");
    expect(html).toContain("Omar&#x27;s words about the library.");
    expect(html).toContain("Keep mine");
    expect(html).toContain("Keep Nadia Haddad&#x27;s");
    expect((await stored(consultation.id, organisation.id))[q1.id]).toBe(
      "Nadia's words about the welcome desk.",
    );
  });

  it("never doubles text: the same words arriving twice, from a colleague or a repeated post, are stored once", async () => {
    const { organisation, nadia, omar, consultation, q1, url } = await openConsultation();
    const pageNadia = await openPage(await signedIn(nadia.email), url, organisation.id);
    await pageNadia.saveAndReload({ [q1.id]: "Intro." });
    const pageOmar = await openPage(await signedIn(omar.email), url, organisation.id);
    const staleNadia = pageNadia.base;

    // Both append the same note to the same text, from the same base.
    await pageNadia.saveAndReload({ [q1.id]: "Intro. [N3]" });
    await pageOmar.saveAndReload({ [q1.id]: "Intro. [N3]" });
    // And Nadia's post is sent a second time (a retried autosave), from the base it was sent with.
    pageNadia.base = staleNadia;
    await pageNadia.saveAndReload({ [q1.id]: "Intro. [N3]" });

    expect((await stored(consultation.id, organisation.id))[q1.id]).toBe("Intro. [N3]");
    const submission = await db().submission.findFirstOrThrow({
      where: { consultationId: consultation.id, organisationId: organisation.id },
    });
    // Written twice (the intro, then the note), never again for the same words.
    expect(JSON.parse(submission.answerRevisions)[q1.id]).toMatchObject({ rev: 2, name: "Nadia Haddad" });
  });

  it("never silently restores a replaced answer: a colleague's next keystrokes elsewhere leave it replaced", async () => {
    const { organisation, nadia, omar, consultation, q1, q2, url } = await openConsultation();
    const pageNadia = await openPage(await signedIn(nadia.email), url, organisation.id);
    const openedWith = pageNadia.base;
    await pageNadia.saveAndReload({ [q1.id]: "The old answer." });
    const pageOmar = await openPage(await signedIn(omar.email), url, organisation.id);
    await pageOmar.saveAndReload({ [q1.id]: "The replacement answer." });

    // Nadia's form still shows the old answer and she types on Q2: her save keeps the replacement.
    await pageNadia.saveAndReload({ [q1.id]: "The old answer.", [q2.id]: "Evening classes." });
    expect(await stored(consultation.id, organisation.id)).toEqual({
      [q1.id]: "The replacement answer.",
      [q2.id]: "Evening classes.",
    });

    // A form still on the base it was opened with (as the autosave used to post it, never moving on after
    // its own saves) cannot restore it either: the old answer is a change from that base, hence a conflict.
    pageNadia.base = openedWith;
    const reply = await pageNadia.save({ [q1.id]: "The old answer.", [q2.id]: "Evening classes." });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toMatch(/Omar Diallo changed this answer at/);
    expect((await stored(consultation.id, organisation.id))[q1.id]).toBe("The replacement answer.");
  });
});

describe("merging and settling edits to one shared draft", () => {
  it("merges edits to different questions made from the same base", async () => {
    const { organisation, nadia, omar, consultation, q1, q2, url } = await openConsultation();
    const pageNadia = await openPage(await signedIn(nadia.email), url, organisation.id);
    const pageOmar = await openPage(await signedIn(omar.email), url, organisation.id);
    await pageNadia.saveAndReload({ [q1.id]: "Nadia on Q1." });
    const html = await pageOmar.saveAndReload({ [q1.id]: "", [q2.id]: "Omar on Q2." });
    expect(await stored(consultation.id, organisation.id)).toEqual({
      [q1.id]: "Nadia on Q1.",
      [q2.id]: "Omar on Q2.",
    });
    // Omar's page now shows both.
    expect(html).toContain("Nadia on Q1.");
    expect(html).toContain("Omar on Q2.");
  });

  it("returns a conflict for the same question, settled by keeping mine or keeping theirs", async () => {
    const { organisation, nadia, omar, lead, consultation, q1, q2, url } = await openConsultation();
    const nadiaClient = await signedIn(nadia.email);
    const pageNadia = await openPage(nadiaClient, url, organisation.id);
    const pageOmar = await openPage(await signedIn(omar.email), url, organisation.id);
    await pageNadia.saveAndReload({ [q1.id]: "Nadia's first answer." });

    const conflicted = await pageOmar.save({ [q1.id]: "Omar's answer.", [q2.id]: "Omar on Q2." });
    expect(conflicted.status).toBe(200);
    const conflictHtml = await conflicted.text();
    // The other question went in; the conflicting one waits for Omar's choice.
    expect(await stored(consultation.id, organisation.id)).toEqual({
      [q1.id]: "Nadia's first answer.",
      [q2.id]: "Omar on Q2.",
    });
    pageOmar.base = baselineOf(conflictHtml, organisation.id);
    const mine = /name="resolve" value="([^"]*:mine:\d+)"/.exec(conflictHtml)![1]!;
    expect(mine).toBe(`${q1.id}:mine:1`);

    // Keep mine: written over Nadia's, as a new revision by Omar.
    await pageOmar.saveAndReload({ [q1.id]: "Omar's answer.", [q2.id]: "Omar on Q2." }, { resolve: mine });
    expect((await stored(consultation.id, organisation.id))[q1.id]).toBe("Omar's answer.");
    const submission = await db().submission.findFirstOrThrow({
      where: { consultationId: consultation.id, organisationId: organisation.id },
    });
    expect(JSON.parse(submission.answerRevisions)[q1.id]).toMatchObject({ rev: 2, name: "Omar Diallo" });

    // Nadia, still on her base, changes Q1 again: a conflict; she keeps Omar's, and her page shows it.
    const second = await pageNadia.save({ [q1.id]: "Nadia's second answer.", [q2.id]: "Omar on Q2." });
    const secondHtml = await second.text();
    expect(secondHtml).toMatch(/Omar Diallo changed this answer at/);
    pageNadia.base = baselineOf(secondHtml, organisation.id);
    const theirs = /name="resolve" value="([^"]*:theirs:\d+)"/.exec(secondHtml)![1]!;
    const kept = await pageNadia.saveAndReload(
      { [q1.id]: "Nadia's second answer.", [q2.id]: "Omar on Q2." },
      { resolve: theirs },
    );
    expect((await stored(consultation.id, organisation.id))[q1.id]).toBe("Omar's answer.");
    expect(kept).toContain("Omar&#x27;s answer.");
    // Her base has moved on to Omar's revision: her next save of another question writes it, no conflict.
    await pageNadia.saveAndReload({ [q1.id]: "Omar's answer.", [q2.id]: "Both of us on Q2." });
    expect(await stored(consultation.id, organisation.id)).toEqual({
      [q1.id]: "Omar's answer.",
      [q2.id]: "Both of us on Q2.",
    });

    // Keeping mine against a base that moved again meanwhile is a new conflict, not an overwrite.
    const pageLead = await openPage(await signedIn(lead.email), url, organisation.id);
    await pageLead.saveAndReload({ [q1.id]: "The lead's answer.", [q2.id]: "Both of us on Q2." });
    const stale = await pageOmar.save(
      { [q1.id]: "Omar again.", [q2.id]: "Both of us on Q2." },
      { resolve: `${q1.id}:mine:1` },
    );
    expect(stale.status).toBe(200);
    expect((await stored(consultation.id, organisation.id))[q1.id]).toBe("The lead's answer.");

    // Nor does submitting go over a conflict: nothing is submitted until it is settled.
    const freshNadia = await openPage(nadiaClient, url, organisation.id);
    await freshNadia.saveAndReload({ [q1.id]: "Nadia's final answer.", [q2.id]: "Both of us on Q2." });
    const submitted = await pageLead.save(
      { [q1.id]: "The lead's answer, submitted.", [q2.id]: "Both of us on Q2." },
      { intent: "submit" },
    );
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toMatch(/Nadia Haddad changed this answer at/);
    const after = await db().submission.findFirstOrThrow({
      where: { consultationId: consultation.id, organisationId: organisation.id },
    });
    expect(after.version).toBe(0);
    expect(JSON.parse(after.answers)[q1.id]).toBe("Nadia's final answer.");
  });
});

describe("the note on aggregated community input", () => {
  it("is co-edited like an answer: a stale change to it is a conflict, and keeping theirs keeps theirs", async () => {
    const { organisation, nadia, omar, consultation, url } = await openConsultation();
    const post = async (
      client: Browserless,
      baseline: string,
      note: string,
      extra: Record<string, string> = {},
    ) =>
      client.post(url, {
        intent: "save",
        organisationId: organisation.id,
        aggregated: "true",
        baseline,
        aggregatedNote: note,
        ...extra,
      });
    const nadiaClient = await signedIn(nadia.email);
    const omarClient = await signedIn(omar.email);
    const omarBase = baselineOf(await (await omarClient.get(url)).text(), organisation.id, true);
    const nadiaBase = baselineOf(await (await nadiaClient.get(url)).text(), organisation.id, true);
    expect((await post(nadiaClient, nadiaBase, "We met 40 women at the language school.")).status).toBe(302);

    const conflicted = await post(omarClient, omarBase, "We met 12 young people at the youth centre.");
    expect(conflicted.status).toBe(200);
    const html = await conflicted.text();
    expect(html).toMatch(/Nadia Haddad changed this answer at/);
    expect(html).toContain("We met 12 young people at the youth centre.");
    const theirs = /name="resolve" value="(@aggregatedNote:theirs:\d+)"/.exec(html)![1]!;
    const kept = await post(
      omarClient,
      baselineOf(html, organisation.id, true),
      "We met 12 young people at the youth centre.",
      {
        resolve: theirs,
      },
    );
    expect(kept.status).toBe(302);
    const submission = await db().submission.findUniqueOrThrow({
      where: {
        consultationId_organisationId_isAggregated: {
          consultationId: consultation.id,
          organisationId: organisation.id,
          isAggregated: true,
        },
      },
    });
    expect(submission.aggregatedNote).toBe("We met 40 women at the language school.");
  });
});

describe("a shared draft, live", () => {
  const draftOf = (consultationId: string, organisationId: string) => ({
    consultationId,
    organisationId,
    aggregated: false,
  });

  it("tells a colleague's open page of each saved change, and who is editing which question", async () => {
    const { organisation, nadia, omar, consultation, q1, q2, url } = await openConsultation();
    const draft = draftOf(consultation.id, organisation.id);
    const omarSocket = await sockets.connectAs(omar);
    const watched = (await omarSocket
      .timeout(eventTimeoutMs)
      .emitWithAck("draft:watch", { ...draft, questionId: null })) as Ack<{ editors: DraftEditor[] }>;
    expect(watched).toMatchObject({ ok: true });

    const nadiaSocket = await sockets.connectAs(nadia);
    const joined = nextEvent<{ editors: DraftEditor[] }>(omarSocket, "draft:editors", (payload) =>
      payload.editors.some((editor) => editor.name === "Nadia Haddad" && editor.questionId === q2.id),
    );
    await nadiaSocket.timeout(eventTimeoutMs).emitWithAck("draft:watch", { ...draft, questionId: null });
    nadiaSocket.emit("draft:focus", { ...draft, questionId: q2.id });
    await joined;

    const changed = nextEvent<{ draftRevision: number }>(omarSocket, "draft:changed");
    const pageNadia = await openPage(await signedIn(nadia.email), url, organisation.id);
    await pageNadia.saveAndReload({ [q1.id]: "Saved by Nadia." });
    expect(await changed).toEqual({ ...draft, draftRevision: 1 });
    // The page reads it again and finds the change.
    const omarClient = await signedIn(omar.email);
    expect(await (await omarClient.get(url)).text()).toContain("Saved by Nadia.");

    // A save that changes nothing tells nobody.
    const quiet = noEvent(omarSocket, "draft:changed");
    await pageNadia.saveAndReload({ [q1.id]: "Saved by Nadia." });
    await quiet;

    // When Nadia's tab closes, she is no longer listed.
    const left = nextEvent<{ editors: DraftEditor[] }>(
      omarSocket,
      "draft:editors",
      (payload) => !payload.editors.some((editor) => editor.name === "Nadia Haddad"),
    );
    nadiaSocket.disconnect();
    await left;
  });

  it("lets someone who leaves the organisation out of its draft's room at once", async () => {
    const { organisation, nadia, omar, consultation, q1, url } = await openConsultation();
    const draft = draftOf(consultation.id, organisation.id);
    const omarSocket = await sockets.connectAs(omar);
    const nadiaSocket = await sockets.connectAs(nadia);
    await omarSocket.timeout(eventTimeoutMs).emitWithAck("draft:watch", { ...draft, questionId: null });
    await nadiaSocket.timeout(eventTimeoutMs).emitWithAck("draft:watch", { ...draft, questionId: null });

    const gone = nextEvent<{ editors: DraftEditor[] }>(
      nadiaSocket,
      "draft:editors",
      (payload) => !payload.editors.some((editor) => editor.personId === omar.id),
    );
    await db().membership.deleteMany({ where: { personId: omar.id, organisationId: organisation.id } });
    domainEvents().emit("membership.changed", { organisationId: organisation.id, personId: omar.id });
    await gone;

    const quiet = noEvent(omarSocket, "draft:changed");
    const pageNadia = await openPage(await signedIn(nadia.email), url, organisation.id);
    await pageNadia.saveAndReload({ [q1.id]: "Only for the organisation's members." });
    await quiet;
  });

  it("lets an organisation's people out of its draft's room when its level drops below CONSULT", async () => {
    const { organisation, omar, consultation } = await openConsultation();
    const draft = draftOf(consultation.id, organisation.id);
    const omarSocket = await sockets.connectAs(omar);
    await omarSocket.timeout(eventTimeoutMs).emitWithAck("draft:watch", { ...draft, questionId: null });
    const inRoom = async () => (await server.realtime.io.in(rooms.draft(draft)).fetchSockets()).length;
    expect(await inRoom()).toBe(1);
    await db().spaceParticipant.updateMany({
      where: { spaceId: consultation.spaceId, organisationId: organisation.id },
      data: { level: "INFORM" },
    });
    domainEvents().emit("space.standing-changed", {
      spaceId: consultation.spaceId,
      organisationId: organisation.id,
    });
    await expect.poll(inRoom, { timeout: eventTimeoutMs }).toBe(0);
    // Out of the room: a change announced to it no longer reaches him.
    const quiet = noEvent(omarSocket, "draft:changed");
    domainEvents().emit("draft.changed", { ...draft, draftRevision: 7, byPersonId: "someone" });
    await quiet;
  });

  it("admits to a draft's room only people who may draft it", async () => {
    const { organisation, outsider, consultation } = await openConsultation();
    const socket = await sockets.connectAs(outsider);
    const refused = (await socket.timeout(eventTimeoutMs).emitWithAck("draft:watch", {
      ...draftOf(consultation.id, organisation.id),
      questionId: null,
    })) as Ack<unknown>;
    expect(refused).toEqual({ ok: false, error: "not-found" });
    const invalid = (await socket
      .timeout(eventTimeoutMs)
      .emitWithAck("draft:watch", { consultationId: consultation.id })) as Ack<unknown>;
    expect(invalid).toEqual({ ok: false, error: "invalid-payload" });
  });
});
