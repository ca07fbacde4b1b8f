import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../prisma/factories/people";
import { addDelegate, createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
});

const signedIn = (email: string) => Browserless.signedIn(server.origin, email);

/** An organisation that is not in the space yet, with its admin. */
async function organisationWithAdmin(name: string) {
  const organisation = await createOrganisation({ type: "cso", name });
  const admin = await createPerson();
  await addMember(admin.id, organisation.id, { role: "admin" });
  return { organisation, admin };
}

/** Everything the participation commands write for a space, to check that a refused post changed nothing. */
async function snapshot(spaceId: string) {
  const [participants, changes, requests, delegates, audit] = await Promise.all([
    db().spaceParticipant.findMany({ where: { spaceId }, orderBy: { id: "asc" } }),
    db().levelChange.count({ where: { spaceId } }),
    db().levelRequest.findMany({ where: { spaceId }, orderBy: { id: "asc" } }),
    db().spaceDelegate.count({ where: { spaceId } }),
    db().auditEvent.count({ where: { spaceId } }),
  ]);
  return { participants, changes, requests, delegates, audit };
}

async function canInSpace(personId: string, spaceId: string, action: "space.raise-concern" | "space.view") {
  const actor = (await actorForPerson(personId))!;
  const space = await loadSpaceResource(actor, spaceId);
  return space !== null && can(actor, action, space);
}

describe("inviting, joining and moving up the spectrum", () => {
  it("takes a CSO from invitation at CONSULT to INVOLVE on its request, with the history and audit trail", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation: cso, admin } = await organisationWithAdmin("Newcomer Women Collective");
    const convener = await signedIn(focalPoint.email);
    const participants = `/spaces/${space.id}/participants`;

    const invitePage = await (await convener.get(participants)).text();
    expect(invitePage).toContain("Newcomer Women Collective (Civil society organisation)");
    const invited = await convener.post(participants, {
      intent: "invite",
      organisationId: cso.id,
      level: "CONSULT",
      message: "We would value your view on the settlement plan.",
    });
    expect(await convener.landOn(invited)).toContain("The organisation is invited.");
    const notification = await db().notification.findFirstOrThrow({ where: { personId: admin.id } });
    expect(notification).toMatchObject({
      spaceId: space.id,
      message: "participation.notifications.invited",
      link: `/spaces/${space.id}/participation`,
    });

    const cs = await signedIn(admin.email);
    const ours = `/spaces/${space.id}/participation`;
    const invitation = await (await cs.get(ours)).text();
    expect(invitation).toContain("We would value your view on the settlement plan.");
    expect(invitation).toContain("Accept the invitation");
    expect(invitation).toContain("Invited at the level: Consult");

    const accepted = await cs.post(ours, { intent: "respond", organisationId: cso.id, response: "accept" });
    const joined = await cs.landOn(accepted);
    expect(joined).toContain("Your level: Consult");
    expect(joined).toContain(`${admin.name} (lead delegate)`);
    expect(joined).toContain("Ask for a higher level");
    expect(
      await db().spaceDelegate.findMany({ where: { spaceId: space.id, organisationId: cso.id } }),
    ).toEqual([expect.objectContaining({ personId: admin.id, isLead: true })]);

    const requested = await cs.post(ours, {
      intent: "request-level",
      organisationId: cso.id,
      level: "INVOLVE",
      reason: "We run three settlement programmes and want to raise what we see.",
    });
    expect(await cs.landOn(requested)).toContain(
      "Your request for the level Involve waits for the conveners.",
    );
    const again = await cs.post(ours, {
      intent: "request-level",
      organisationId: cso.id,
      level: "COLLABORATE",
      reason: "And more.",
    });
    expect(again.status).toBe(200);
    expect(await db().levelRequest.count({ where: { spaceId: space.id } })).toBe(1);
    expect(await db().notification.count({ where: { personId: focalPoint.id } })).toBe(1);

    const request = await db().levelRequest.findFirstOrThrow({ where: { spaceId: space.id } });
    const levels = `/spaces/${space.id}/levels`;
    expect(await (await convener.get(levels)).text()).toContain("We run three settlement programmes");
    const approved = await convener.post(levels, {
      intent: "decide",
      requestId: request.id,
      decision: "approve",
      reason: "Their programmes reach people we do not.",
    });
    const history = await convener.landOn(approved);
    expect(history).toContain("The request is approved and the level changed.");
    expect(
      (await db().spaceParticipant.findFirstOrThrow({ where: { spaceId: space.id, organisationId: cso.id } }))
        .level,
    ).toBe("INVOLVE");

    const changes = await db().levelChange.findMany({
      where: { spaceId: space.id, organisationId: cso.id },
      orderBy: { createdAt: "asc" },
    });
    expect(changes.map(({ kind, fromLevel, toLevel }) => [kind, fromLevel, toLevel])).toEqual([
      ["invited", null, "CONSULT"],
      ["joined", null, "CONSULT"],
      ["request-approved", "CONSULT", "INVOLVE"],
    ]);
    expect(changes[2]!.rationale).toBe("Their programmes reach people we do not.");
    const timeline = await (await cs.get(levels)).text();
    const approvedAt = timeline.indexOf(
      "Newcomer Women Collective moved from Consult to Involve on its request",
    );
    const joinedAt = timeline.indexOf("Newcomer Women Collective joined at Consult");
    const invitedAt = timeline.indexOf("Newcomer Women Collective was invited at Consult");
    expect(approvedAt).toBeGreaterThan(-1);
    expect(joinedAt).toBeGreaterThan(approvedAt);
    expect(invitedAt).toBeGreaterThan(joinedAt);
    expect(timeline).toContain("Their programmes reach people we do not.");
    expect(timeline).toContain("No request is waiting.");

    const audit = await db().auditEvent.findMany({
      where: { spaceId: space.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual([
      "space.organisation-invited",
      "space.invitation-accepted",
      "space.level-requested",
      "space.level-request-approved",
    ]);
    expect(audit.map((event) => event.actorId)).toEqual([focalPoint.id, admin.id, admin.id, focalPoint.id]);

    const decidedAgain = await convener.post(levels, {
      intent: "decide",
      requestId: request.id,
      decision: "decline",
      reason: "Changed our mind.",
    });
    expect(await convener.landOn(decidedAgain)).toContain("This request has already been decided.");
    expect((await db().levelRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "approved",
    );
  });

  it("refuses to invite an organisation twice, or at a level that does not exist, and changes nothing", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation: cso } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Already Here Association" },
    });
    const { organisation: fresh } = await organisationWithAdmin("Not Yet Invited");
    const convener = await signedIn(focalPoint.email);
    const participants = `/spaces/${space.id}/participants`;
    const before = await snapshot(space.id);

    const twice = await convener.post(participants, {
      intent: "invite",
      organisationId: cso.id,
      level: "INVOLVE",
    });
    expect(twice.status).toBe(200);
    expect(await twice.text()).toContain(
      "Already Here Association is already invited to or taking part in this space.",
    );
    const unknown = await convener.post(participants, {
      intent: "invite",
      organisationId: fresh.id,
      level: "SUPERVISE",
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain("Choose one of the options.");
    expect(await snapshot(space.id)).toEqual(before);

    const unknownChange = await convener.post(participants, {
      intent: "change-level",
      organisationId: cso.id,
      level: "SUPERVISE",
      rationale: "No such level.",
    });
    expect(unknownChange.status).toBe(200);
    const withoutRationale = await convener.post(participants, {
      intent: "change-level",
      organisationId: cso.id,
      level: "INFORM",
      rationale: " ",
    });
    expect(await withoutRationale.text()).toContain("This field is required.");
    expect(await snapshot(space.id)).toEqual(before);
  });

  it("asks for a reason to decline a request, and keeps the request waiting until one is given", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INFORM");
    const request = await db().levelRequest.create({
      data: {
        spaceId: space.id,
        organisationId: organisation.id,
        requestedLevel: "CONSULT",
        reason: "We answer consultations elsewhere.",
        requestedById: admin.id,
      },
    });
    const convener = await signedIn(focalPoint.email);
    const levels = `/spaces/${space.id}/levels`;
    const bare = await convener.post(levels, {
      intent: "decide",
      requestId: request.id,
      decision: "decline",
    });
    expect(bare.status).toBe(200);
    expect(await bare.text()).toContain("Give a reason when you decline.");
    expect((await db().levelRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
    const declined = await convener.post(levels, {
      intent: "decide",
      requestId: request.id,
      decision: "decline",
      reason: "Not this year.",
    });
    expect(await convener.landOn(declined)).toContain("The request is declined.");
    expect(await db().levelRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "declined",
      decisionReason: "Not this year.",
      decidedById: focalPoint.id,
    });
    expect(
      (await db().spaceParticipant.findFirstOrThrow({ where: { organisationId: organisation.id } })).level,
    ).toBe("INFORM");
  });
});

describe("delegates", () => {
  it("names delegates among the organisation's members only, with one lead", async () => {
    const { space } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const colleague = await createPerson({ name: "Colleague Delegate" });
    await addMember(colleague.id, organisation.id);
    const stranger = await createPerson();
    const client = await signedIn(admin.email);
    const ours = `/spaces/${space.id}/participation`;

    const page = await (await client.get(ours)).text();
    expect(page).toContain("Name delegates");
    const outsider = await client.post(ours, {
      intent: "delegates",
      organisationId: organisation.id,
      delegates: stranger.id,
      lead: admin.id,
    });
    expect(outsider.status).toBe(200);
    expect(await outsider.text()).toContain("Delegates must be members of the organisation.");

    const body = new URLSearchParams([
      ["intent", "delegates"],
      ["organisationId", organisation.id],
      ["delegates", admin.id],
      ["delegates", colleague.id],
      ["lead", colleague.id],
    ]);
    const saved = await fetch(new URL(ours, server.origin), {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        Origin: server.origin,
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: client.cookieHeader(),
      },
    });
    expect(saved.status).toBe(302);
    const delegates = await db().spaceDelegate.findMany({
      where: { spaceId: space.id, organisationId: organisation.id },
      select: { personId: true, isLead: true },
    });
    expect(delegates).toHaveLength(2);
    expect(delegates).toEqual(
      expect.arrayContaining([
        { personId: admin.id, isLead: false },
        { personId: colleague.id, isLead: true },
      ]),
    );

    // A plain member of the organisation sees the delegates but may not name them.
    const member = await signedIn(colleague.email);
    const memberPage = await (await member.get(ours)).text();
    expect(memberPage).toContain("Colleague Delegate (lead delegate)");
    expect(memberPage).not.toContain("Name delegates");
    const refused = await member.post(ours, {
      intent: "delegates",
      organisationId: organisation.id,
      delegates: colleague.id,
      lead: colleague.id,
    });
    expect(refused.status).toBe(403);
  });
});

describe("changing levels and leaving", () => {
  it("downgrades INVOLVE to INFORM at once, with the rationale on the history", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE", {
      organisation: { name: "Settlement Services Network" },
    });
    expect(await canInSpace(admin.id, space.id, "space.raise-concern")).toBe(true);
    const convener = await signedIn(focalPoint.email);
    const changed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "change-level",
      organisationId: organisation.id,
      level: "INFORM",
      rationale: "The network did not attend the last three meetings.",
    });
    expect(await convener.landOn(changed)).toContain("The level is changed.");
    expect(await canInSpace(admin.id, space.id, "space.raise-concern")).toBe(false);
    expect(await canInSpace(admin.id, space.id, "space.view")).toBe(true);
    const history = await (await (await signedIn(admin.email)).get(`/spaces/${space.id}/levels`)).text();
    expect(history).toContain("Settlement Services Network was moved from Involve to Inform");
    expect(history).toContain("The network did not attend the last three meetings.");
    expect(
      await db().auditEvent.findFirst({ where: { spaceId: space.id, action: "space.level-changed" } }),
    ).toMatchObject({ actorId: focalPoint.id, subjectType: "space-participant" });
  });

  it("removes an organisation: its members get 404 on the space and its history says why", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Removed Association" },
    });
    const member = await createPerson();
    await addMember(member.id, organisation.id);
    await addDelegate(space.id, organisation.id, member.id);
    const memberClient = await signedIn(member.email);
    expect((await memberClient.get(`/spaces/${space.id}/participation`)).status).toBe(200);

    const convener = await signedIn(focalPoint.email);
    const removed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "remove",
      organisationId: organisation.id,
      rationale: "The association closed its local office.",
    });
    expect(await convener.landOn(removed)).toContain("The organisation is removed from the space.");
    for (const path of ["", "/participation", "/participants", "/levels"]) {
      expect((await memberClient.get(`/spaces/${space.id}${path}`)).status, path).toBe(404);
    }
    const adminClient = await signedIn(admin.email);
    expect((await adminClient.get(`/spaces/${space.id}/participation`)).status).toBe(404);
    expect(
      await db().spaceDelegate.count({ where: { spaceId: space.id, organisationId: organisation.id } }),
    ).toBe(0);
    const change = await db().levelChange.findFirstOrThrow({ where: { spaceId: space.id, kind: "removed" } });
    expect(change).toMatchObject({
      fromLevel: "CONSULT",
      toLevel: null,
      rationale: "The association closed its local office.",
    });
    expect(await (await convener.get(`/spaces/${space.id}/levels`)).text()).toContain(
      "Removed Association was removed from the space (was at Consult)",
    );
  });

  it("lets an organisation's admin take it out of the space", async () => {
    const { space } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "COLLABORATE");
    const client = await signedIn(admin.email);
    const left = await client.post(`/spaces/${space.id}/participation`, {
      intent: "leave",
      organisationId: organisation.id,
    });
    expect(left.status).toBe(302);
    expect(
      (await db().spaceParticipant.findFirstOrThrow({ where: { organisationId: organisation.id } })).status,
    ).toBe("left");
    expect(await db().levelChange.findFirst({ where: { spaceId: space.id, kind: "left" } })).toMatchObject({
      fromLevel: "COLLABORATE",
      changedById: admin.id,
    });
    expect((await client.get(`/spaces/${space.id}/participation`)).status).toBe(404);
  });
});

describe("who may do what", () => {
  it("refuses the conveners' actions to participants (403) and changes nothing", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "EMPOWER");
    const { organisation: other } = await organisationWithAdmin("Someone Else");
    const request = await db().levelRequest.create({
      data: {
        spaceId: space.id,
        organisationId: organisation.id,
        requestedLevel: "EMPOWER",
        reason: "x",
        requestedById: admin.id,
      },
    });
    const client = await signedIn(admin.email);
    const participantsPage = await (await client.get(`/spaces/${space.id}/participants`)).text();
    expect(participantsPage).not.toContain("Invite an organisation");
    expect(participantsPage).not.toContain("Change the level");
    expect(await (await client.get(`/spaces/${space.id}/levels`)).text()).not.toContain(
      "Record the decision",
    );
    const before = await snapshot(space.id);
    const posts: [string, Record<string, string>][] = [
      ["participants", { intent: "invite", organisationId: other.id, level: "INFORM" }],
      [
        "participants",
        { intent: "change-level", organisationId: organisation.id, level: "INFORM", rationale: "r" },
      ],
      ["participants", { intent: "remove", organisationId: organisation.id, rationale: "r" }],
      ["levels", { intent: "decide", requestId: request.id, decision: "approve", reason: "r" }],
    ];
    for (const [page, form] of posts) {
      expect((await client.post(`/spaces/${space.id}/${page}`, form)).status, form.intent).toBe(403);
    }
    // Conveners do not act for participant organisations.
    const convener = await signedIn(focalPoint.email);
    const onBehalf = await convener.post(`/spaces/${space.id}/participation`, {
      intent: "leave",
      organisationId: organisation.id,
    });
    expect(onBehalf.status).toBe(403);
    expect(await snapshot(space.id)).toEqual(before);
  });

  it("answers 404 on all three pages and their posts to someone not part of the space", async () => {
    const { space } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const { organisation: outsiderOrganisation, admin: outsider } = await organisationWithAdmin("Outsiders");
    const { admin: invitee } = await createParticipantOrganisation(space.id, "CONSULT", {
      status: "declined",
    });
    const before = await snapshot(space.id);
    for (const person of [outsider, invitee]) {
      const client = await signedIn(person.email);
      for (const page of ["participants", "levels", "participation"]) {
        expect((await client.get(`/spaces/${space.id}/${page}`)).status, page).toBe(404);
      }
      const posts: [string, Record<string, string>][] = [
        ["participants", { intent: "invite", organisationId: outsiderOrganisation.id, level: "EMPOWER" }],
        ["participants", { intent: "remove", organisationId: organisation.id, rationale: "r" }],
        ["levels", { intent: "decide", requestId: "nothing", decision: "approve" }],
        ["participation", { intent: "leave", organisationId: organisation.id }],
        [
          "participation",
          { intent: "request-level", organisationId: organisation.id, level: "EMPOWER", reason: "r" },
        ],
      ];
      for (const [page, form] of posts) {
        expect(
          (await client.post(`/spaces/${space.id}/${page}`, form)).status,
          `${page} ${form.intent}`,
        ).toBe(404);
      }
    }
    expect((await (await signedIn(admin.email)).get("/spaces/no-such-space/participants")).status).toBe(404);
    expect(await snapshot(space.id)).toEqual(before);
  });
});

describe("live", () => {
  function openSocket(cookie: string): Promise<Socket> {
    const socket = connectSocket(server.origin.replace("localhost", "127.0.0.1"), {
      transports: ["websocket"],
      extraHeaders: { cookie, origin: server.origin },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    });
  }

  const watch = (socket: Socket, spaceId: string) =>
    socket.timeout(3_000).emitWithAck("space:watch", { spaceId }) as Promise<unknown>;

  it("tells a removed organisation's open socket and refuses it the space afterwards", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const cso = await signedIn(admin.email);
    const socket = await openSocket(cso.cookieHeader());
    expect(await watch(socket, space.id)).toEqual({ ok: true, data: { spaceId: space.id } });

    const changed = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no space:changed")), 3_000);
      socket.on("space:changed", (payload: { spaceId: string }) => {
        if (payload.spaceId !== space.id) return;
        clearTimeout(timer);
        resolve(payload);
      });
    });
    const convener = await signedIn(focalPoint.email);
    const removed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "remove",
      organisationId: organisation.id,
      rationale: "Removed for the test.",
    });
    expect(removed.status).toBe(302);
    expect(await changed).toEqual({ spaceId: space.id, what: "participation" });
    expect(await watch(socket, space.id)).toEqual({ ok: false, error: "not-found" });
  });
});
