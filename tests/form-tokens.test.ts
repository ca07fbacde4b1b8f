import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { formTokenLifetimeMs, sweepExpiredFormTokens } from "~/utils/form-token.server";
import { createMember, createOrganisation } from "../prisma/factories/people";
import { createConsultation } from "./consultation-factories";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** The token a page rendered for the form whose id ends the token (`<seed>:<form id>`). */
async function tokenOn(client: Browserless, pathname: string, formId?: string) {
  const page = await (await client.get(pathname)).text();
  const tokens = [...page.matchAll(/name="formToken" value="([^"]+)"/g)].map((match) => match[1]!);
  const token = formId ? tokens.find((value) => value.endsWith(`:${formId}`)) : tokens.at(-1);
  if (!token) throw new Error(`no form token for ${formId ?? "the last form"} on ${pathname}`);
  return token;
}

async function concernSpace() {
  const { space, focalPoint } = await createConvenedSpace({ space: { title: "Bicol committee" } });
  const { admin } = await createParticipantOrganisation(space.id, "INVOLVE");
  const participant = await Browserless.signedIn(server.origin, admin.email);
  const convener = await Browserless.signedIn(server.origin, focalPoint.email);
  return { space, participant, convener, register: `/spaces/${space.id}/concerns` };
}

describe("a form posted twice creates one record", () => {
  it("raises one concern when the same concern form is sent twice in a row, and answers both alike", async () => {
    const { space, participant, register } = await concernSpace();
    const formToken = await tokenOn(participant, register, "raise-concern");
    const form = { intent: "raise", theme: "housing", text: "Waiting lists are too long.", formToken };
    const first = await participant.post(register, form);
    const again = await participant.post(register, form);
    expect(first.status).toBe(302);
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await participant.landOn(again)).toContain("Your concern is in the register");
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(1);
    expect(
      await db().auditEvent.count({ where: { spaceId: space.id, action: "space.concern-raised" } }),
    ).toBe(1);

    // The page rendered after the post has a new token: the same words raised on purpose are a second concern.
    const next = await tokenOn(participant, register, "raise-concern");
    expect(next).not.toBe(formToken);
    expect((await participant.post(register, { ...form, formToken: next })).status).toBe(302);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(2);
  });

  it("raises one concern when the two posts arrive at the same moment", async () => {
    const { space, participant, register } = await concernSpace();
    const formToken = await tokenOn(participant, register, "raise-concern");
    const form = { intent: "raise", theme: "health", text: "Clinics close too early.", formToken };
    const answers = await Promise.all([participant.post(register, form), participant.post(register, form)]);
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    expect(answers.map((answer) => answer.headers.get("Location"))).toEqual([register, register]);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(1);
    expect(await db().notification.count({ where: { spaceId: space.id } })).toBe(1);
  });

  it("records nothing for a refused post: once corrected, the same form creates its concern", async () => {
    const { space, participant, register } = await concernSpace();
    const formToken = await tokenOn(participant, register, "raise-concern");
    const refused = await participant.post(register, {
      intent: "raise",
      theme: "housing",
      text: "",
      formToken,
    });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain("This field is required.");
    expect(await db().formToken.count({ where: { token: formToken } })).toBe(0);
    const sent = await participant.post(register, {
      intent: "raise",
      theme: "housing",
      text: "Now typed.",
      formToken,
    });
    expect(sent.status).toBe(302);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(1);
  });

  it("keeps each person's tokens apart: another person's copy of a token creates their own record", async () => {
    const { space, participant, register } = await concernSpace();
    const formToken = await tokenOn(participant, register, "raise-concern");
    const form = { intent: "raise", theme: "housing", text: "Ours.", formToken };
    await participant.post(register, form);
    const other = await createParticipantOrganisation(space.id, "INVOLVE");
    const otherClient = await Browserless.signedIn(server.origin, other.admin.email);
    expect((await otherClient.post(register, form)).status).toBe(302);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(2);
  });

  it("publishes one update when the same update form is sent twice, sequentially and concurrently", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const updates = `/spaces/${space.id}/updates`;
    const post = (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      return convener.postBody(updates, body);
    };
    const fields = { kind: "decision", title: "Budget adopted", body: "The plan is funded.", linkUrl: "" };
    const formToken = await tokenOn(convener, updates, "publish-update");
    const first = await post({ ...fields, formToken });
    const again = await post({ ...fields, formToken });
    expect([first.status, again.status]).toEqual([302, 302]);
    expect(again.headers.get("Location")).toBe(updates);
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(1);

    const concurrent = await tokenOn(convener, updates, "publish-update");
    const both = await Promise.all([
      post({ ...fields, title: "Second", formToken: concurrent }),
      post({ ...fields, title: "Second", formToken: concurrent }),
    ]);
    expect(both.map((answer) => answer.status)).toEqual([302, 302]);
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(2);
  });

  it("invites an organisation once, sequentially and concurrently", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const participants = `/spaces/${space.id}/participants`;
    const first = await createOrganisation();
    const second = await createOrganisation();
    const invite = (organisationId: string, formToken: string) =>
      convener.post(participants, {
        intent: "invite",
        organisationId,
        level: "CONSULT",
        message: "",
        formToken,
      });

    const formToken = await tokenOn(convener, participants, "invite");
    const answers = [await invite(first.id, formToken), await invite(first.id, formToken)];
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    expect(await convener.landOn(answers[1]!)).toContain("The organisation is invited.");
    const concurrent = await tokenOn(convener, participants, "invite");
    const both = await Promise.all([invite(second.id, concurrent), invite(second.id, concurrent)]);
    expect(both.map((answer) => answer.status)).toEqual([302, 302]);
    expect(await db().spaceParticipant.count({ where: { spaceId: space.id, status: "invited" } })).toBe(2);
    expect(
      await db().auditEvent.count({ where: { spaceId: space.id, action: "space.organisation-invited" } }),
    ).toBe(2);
  });

  it("invites a person once, sequentially and concurrently", async () => {
    const { organisation, person: admin } = await createMember({ role: "admin" });
    const client = await Browserless.signedIn(server.origin, admin.email);
    const invitations = `/organisations/${organisation.id}/invitations`;
    const email = `invitee-${organisation.id}@example.org`;
    const formToken = await tokenOn(client, invitations);
    const form = { email, role: "member", formToken };
    const answers = [await client.post(invitations, form), await client.post(invitations, form)];
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    const concurrent = await tokenOn(client, invitations);
    const other = { email: `second-${email}`, role: "member", formToken: concurrent };
    const both = await Promise.all([client.post(invitations, other), client.post(invitations, other)]);
    expect(both.map((answer) => answer.status)).toEqual([302, 302]);
    expect(await db().invitation.count({ where: { organisationId: organisation.id } })).toBe(2);
  });

  it("creates one consultation, and adds one question, when their forms are sent twice", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const creating = `/spaces/${space.id}/consultations/new`;
    const closesAt = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const fields = {
      title: "Settlement strategy 2026",
      purpose: "Hear what newcomers need.",
      openToChange: "The priorities.",
      notOpenToChange: "The budget.",
      decision: "The strategy.",
      decisionMaker: "The council",
      background: "",
      languages: "en",
      audience: "participants",
      closesAt,
      formToken: await tokenOn(convener, creating, "new-consultation"),
    };
    const created = await Promise.all([convener.post(creating, fields), convener.post(creating, fields)]);
    expect(created.map((answer) => answer.status)).toEqual([302, 302]);
    const [consultation, ...more] = await db().consultation.findMany({ where: { spaceId: space.id } });
    expect(more).toHaveLength(0);
    // Both answers send the browser to the one consultation's questions.
    expect(created.map((answer) => answer.headers.get("Location"))).toEqual([
      `/consultations/${consultation!.id}/questions`,
      `/consultations/${consultation!.id}/questions`,
    ]);

    const draft = await createConsultation(space.id, focalPoint.id);
    const questions = `/consultations/${draft.id}/questions`;
    const question = {
      intent: "add",
      kind: "long_text",
      prompt: "What works well?",
      formToken: await tokenOn(convener, `${questions}?add=long_text`, "add-question"),
    };
    const added = [await convener.post(questions, question), await convener.post(questions, question)];
    expect(added.map((answer) => answer.status)).toEqual([302, 302]);
    expect(await db().consultationQuestion.count({ where: { consultationId: draft.id } })).toBe(1);
  });

  it("forgets tokens past their lifetime", async () => {
    const { participant, register } = await concernSpace();
    const formToken = await tokenOn(participant, register, "raise-concern");
    await participant.post(register, {
      intent: "raise",
      theme: "housing",
      text: "Soon forgotten.",
      formToken,
    });
    expect(await db().formToken.count({ where: { token: formToken } })).toBe(1);
    await sweepExpiredFormTokens(new Date());
    expect(await db().formToken.count({ where: { token: formToken } })).toBe(1);
    await sweepExpiredFormTokens(new Date(Date.now() + formTokenLifetimeMs + 60_000));
    expect(await db().formToken.count({ where: { token: formToken } })).toBe(0);
  });
});
