import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "~/modules/authorization/can";
import type { ConsultationResource } from "~/modules/consultations/policy";
import { db } from "~/utils/db.server";
import { addQuestion, createConsultation, createSubmittedInput } from "./consultation-factories";
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

/** A space with a CONSULT organisation, and consultations in it as the test asks. */
async function setting() {
  const { space, focalPoint } = await createConvenedSpace();
  const participant = await createParticipantOrganisation(space.id, "CONSULT", {
    organisation: { name: "Newcomer Women Collective" },
  });
  const consultation = (
    audience: "participants" | "public",
    status: "draft" | "open" | "closed" | "published",
    title: string,
  ) =>
    createConsultation(space.id, focalPoint.id, {
      title,
      audience,
      status,
      ...(status === "closed" || status === "published"
        ? { closesAt: new Date(Date.now() - 2 * dayMs), closedAt: new Date(Date.now() - 2 * dayMs) }
        : {}),
      publishedAt: status === "published" ? new Date() : null,
    });
  return { space, focalPoint, participant, consultation };
}

const anonymous = () => new Browserless(server.origin);

function expectSignIn(response: Response, path: string) {
  expect(response.status, path).toBe(302);
  expect(response.headers.get("location"), path).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`);
}

describe("a public consultation, for visitors without an account", () => {
  it("shows the overview read-only, with a link to sign in and no tabs they may not open", async () => {
    const { space, consultation } = await setting();
    const open = await consultation("public", "open", "Public strategy consultation");
    await addQuestion(open.id, "short_text", { prompt: "What works well?" });
    const path = `/consultations/${open.id}`;

    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("Public strategy consultation");
    expect(page).toContain("Hear from community organisations before the strategy is renewed.");
    expect(page).toContain("Sign in to take part");
    expect(page).toContain(`href="/login?${new URLSearchParams({ redirectTo: path }).toString()}"`);
    // No form but the site's language switcher.
    const forms = (page.match(/<form[^>]*>/g) ?? []).filter((form) => !form.includes("/resources/language"));
    expect(forms).toEqual([]);
    for (const tab of ["questions", "respond", "review", "results", "report"])
      expect(page, tab).not.toContain(`href="${path}/${tab}"`);
    // Not a link into the space, which a visitor may not see.
    expect(page).toContain(space.title);
    expect(page).not.toContain(`href="/spaces/${space.id}`);
  });

  it("sends visitors to sign in for a consultation that is not public, and answers 404 for a draft", async () => {
    const { consultation } = await setting();
    const participantsOnly = await consultation("participants", "open", "Participants only");
    const publicDraft = await consultation("public", "draft", "Public draft");
    const closedDraft = await consultation("participants", "draft", "Participants draft");

    expectSignIn(
      await anonymous().get(`/consultations/${participantsOnly.id}`),
      `/consultations/${participantsOnly.id}`,
    );
    for (const draft of [publicDraft, closedDraft]) {
      const response = await anonymous().get(`/consultations/${draft.id}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(draft.title);
    }
    expect((await anonymous().get("/consultations/does-not-exist")).status).toBe(404);
    expect((await anonymous().get(`/consultations/${publicDraft.id}/report`)).status).toBe(404);
  });

  it("shows the feedback report once published, and nothing else without signing in", async () => {
    const { consultation, focalPoint, participant } = await setting();
    const closed = await consultation("public", "closed", "Closed, not yet published");
    const published = await consultation("public", "published", "Feedback published");
    const question = await addQuestion(published.id, "short_text", { prompt: "What works well?" });
    const input = await createSubmittedInput(
      published.id,
      participant.organisation.id,
      participant.admin.id,
      {
        [question.id]: "Evening classes with childcare.",
      },
    );
    const response = await db().consultationResponse.create({
      data: {
        consultationId: published.id,
        outcome: "accepted",
        explanation: "Two centres open evening classes in January.",
        authorId: focalPoint.id,
      },
    });
    await db().submission.update({ where: { id: input.id }, data: { responseId: response.id } });
    const base = `/consultations/${published.id}`;

    const report = await anonymous().get(`${base}/report`);
    expect(report.status).toBe(200);
    const page = await report.text();
    expect(page).toContain("Evening classes with childcare.");
    expect(page).toContain("Two centres open evening classes in January.");
    expect(page).toContain(`href="${base}/report"`);
    expect(page).not.toContain("Sign in to take part");
    expect((await anonymous().get(`/consultations/${closed.id}/report`)).status).toBe(404);
    expect((await anonymous().get(`/consultations/${closed.id}`)).status).toBe(200);

    for (const child of ["respond", "review", "results", "questions", "export.csv", "export.json"])
      expectSignIn(await anonymous().get(`${base}/${child}`), `${base}/${child}`);
    // Nothing is changed without an account either.
    const posted = await anonymous().post(`${base}?index`, { intent: "close", confirmed: "yes" });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toMatch(/^\/login\?/);
    expect((await db().consultation.findUniqueOrThrow({ where: { id: published.id } })).status).toBe(
      "published",
    );
  });
});

describe("can() for no one signed in", () => {
  const resource = (audience: ConsultationResource["audience"], status: string): ConsultationResource => ({
    space: { spaceId: "space", standings: [] },
    status,
    audience,
    chosenOrganisationIds: [],
    actorOrganisations: [],
  });

  it("lets a visitor read a public consultation once open, and do nothing else", () => {
    for (const status of ["open", "closed", "published"])
      expect(can(null, "consultation.view", resource("public", status)), status).toBe(true);
    expect(can(null, "consultation.view", resource("public", "draft"))).toBe(false);
    for (const audience of ["participants", "chosen"] as const)
      expect(can(null, "consultation.view", resource(audience, "open")), audience).toBe(false);
    for (const action of ["consultation.build", "consultation.draft", "consultation.submit"] as const)
      expect(can(null, action, resource("public", "open")), action).toBe(false);
  });
});
