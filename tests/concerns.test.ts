import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMember } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { eventTimeoutMs, nextEvent, socketClients } from "./support/sockets";

let server: TestServer;
const sockets = socketClients(() => server);
afterEach(() => sockets.closeAll());

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A space with a signed-in convener and a signed-in participant admin (lead delegate) at `level`. */
async function spaceAt(level: "CONSULT" | "INVOLVE") {
  const { space, focalPoint } = await createConvenedSpace({ space: { title: "Bicol committee" } });
  const { organisation, admin } = await createParticipantOrganisation(space.id, level, {
    organisation: { name: `Migrant Voices ${level}` },
  });
  const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
  const participantClient = await Browserless.signedIn(server.origin, admin.email);
  const register = `/spaces/${space.id}/concerns`;
  return { space, focalPoint, organisation, admin, convenerClient, participantClient, register };
}

const raise = (text: string, theme = "housing") => ({ intent: "raise", text, theme });

describe("raising concerns", () => {
  it("lets an organisation at INVOLVE raise a concern; the conveners are notified and see it waiting", async () => {
    const { space, organisation, focalPoint, participantClient, convenerClient, register } =
      await spaceAt("INVOLVE");
    const response = await participantClient.post(register, raise("Waiting lists for housing are too long."));
    expect(await participantClient.landOn(response)).toContain("Your concern is in the register");

    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });
    expect(concern).toMatchObject({ organisationId: organisation.id, status: "open", theme: "housing" });
    expect(
      await db().auditEvent.count({ where: { action: "space.concern-raised", subjectId: concern.id } }),
    ).toBe(1);

    const page = await (await convenerClient.get(register)).text();
    expect(page).toContain("Waiting lists for housing are too long.");
    expect(page).toContain("1 concern is waiting for an answer.");
    expect(page).toContain("waiting for 0 days");
    expect(page).toContain("Send the answer");
    expect(page).not.toContain("Raise the concern");
    const notification = await db().notification.findFirstOrThrow({ where: { personId: focalPoint.id } });
    expect(notification.message).toBe("notifications.messages.concernRaised");
    expect(await (await convenerClient.get("/notifications")).text()).toContain(
      `${organisation.name} raised a concern in Bicol committee`,
    );
  });

  it("refuses an organisation at CONSULT, which may still read the register", async () => {
    const { space, participantClient, register } = await spaceAt("CONSULT");
    const page = await (await participantClient.get(register)).text();
    expect(page).toContain("Concern register");
    expect(page).not.toContain("Raise the concern");
    const response = await participantClient.post(register, raise("Not allowed at this level."));
    expect(response.status).toBe(403);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(0);
  });

  it("keeps over-long text with a field error, and escapes script tags", async () => {
    const { space, participantClient, convenerClient, register } = await spaceAt("INVOLVE");
    const tooLong = `${"a".repeat(3990)} end of a long text`;
    const refused = await participantClient.post(register, raise(tooLong));
    expect(refused.status).toBe(200);
    const page = await refused.text();
    expect(page).toContain("This is too long.");
    expect(page).toContain(tooLong);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(0);

    await participantClient.post(register, raise("<script>alert('concern')</script>"));
    const register_ = await (await convenerClient.get(register)).text();
    expect(register_).not.toContain("<script>alert(");
    expect(register_).toContain("&lt;script&gt;alert(");
  });
});

describe("answering concerns", () => {
  it("records one answer; a second is refused and the first is kept; the raising organisation is told", async () => {
    const { space, admin, participantClient, convenerClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("Interpreters are missing at clinics.", "health"));
    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });

    const answered = await convenerClient.post(register, {
      intent: "answer",
      concernId: concern.id,
      answer: "We fund interpreters from March.",
      status: "addressed",
    });
    expect(await convenerClient.landOn(answered)).toContain("Your answer is in the register");

    const again = await convenerClient.post(register, {
      intent: "answer",
      concernId: concern.id,
      answer: "A different answer.",
      status: "not_taken_up",
    });
    expect(again.status).toBe(200);
    const page = await again.text();
    expect(page).toContain("This concern has already been answered; the first answer stands.");
    expect(page).toContain("A different answer.");

    const stored = await db().concern.findUniqueOrThrow({ where: { id: concern.id } });
    expect(stored).toMatchObject({ status: "addressed", answer: "We fund interpreters from March." });
    expect(
      await db().auditEvent.count({ where: { action: "space.concern-answered", subjectId: concern.id } }),
    ).toBe(1);

    const seen = await (await participantClient.get(register)).text();
    expect(seen).toContain("We fund interpreters from March.");
    expect(seen).toContain("No concern is waiting for an answer.");
    const notifications = await db().notification.findMany({ where: { personId: admin.id } });
    expect(notifications.map((notification) => notification.message)).toContain(
      "notifications.messages.concernAnswered",
    );
  });

  it("does not let a participant answer", async () => {
    const { space, participantClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("Nobody answers us."));
    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });
    const response = await participantClient.post(register, {
      intent: "answer",
      concernId: concern.id,
      answer: "Answering my own concern.",
      status: "addressed",
    });
    expect(response.status).toBe(403);
    expect((await db().concern.findUniqueOrThrow({ where: { id: concern.id } })).status).toBe("open");
  });
});

describe("the register", () => {
  it("puts open concerns first, longest waiting on top, says how long they wait, and filters", async () => {
    const { space, organisation, admin, convenerClient, register } = await spaceAt("INVOLVE");
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000 - 60_000);
    const base = { spaceId: space.id, organisationId: organisation.id, raisedById: admin.id };
    await db().concern.create({
      data: {
        ...base,
        text: "Answered long ago",
        theme: "health",
        status: "answered",
        answer: "Done.",
        createdAt: daysAgo(9),
        answeredAt: daysAgo(8),
      },
    });
    await db().concern.create({
      data: { ...base, text: "Waiting three days", theme: "housing", createdAt: daysAgo(3) },
    });
    await db().concern.create({
      data: { ...base, text: "Waiting one day", theme: "education", createdAt: daysAgo(1) },
    });

    const page = await (await convenerClient.get(register)).text();
    expect(page).toContain("2 concerns are waiting for an answer. The oldest has waited 3 days.");
    expect(page).toContain("waiting for 3 days");
    expect(page).toContain("waiting for 1 day");
    expect(page.indexOf("Waiting three days")).toBeLessThan(page.indexOf("Waiting one day"));
    expect(page.indexOf("Waiting one day")).toBeLessThan(page.indexOf("Answered long ago"));

    const answeredOnly = await (await convenerClient.get(`${register}?status=answered`)).text();
    expect(answeredOnly).toContain("Answered long ago");
    expect(answeredOnly).not.toContain("Waiting one day");
    const housing = await (await convenerClient.get(`${register}?theme=housing`)).text();
    expect(housing).toContain("Waiting three days");
    expect(housing).not.toContain("Waiting one day");
    expect(housing).not.toContain("Answered long ago");
  });

  it("is a 404 for outsiders, on the page and on posts", async () => {
    const { space, register } = await spaceAt("INVOLVE");
    const { person: outsider } = await createMember({ role: "admin" });
    const outsiderClient = await Browserless.signedIn(server.origin, outsider.email);
    expect((await outsiderClient.get(register)).status).toBe(404);
    expect((await outsiderClient.post(register, raise("Let me in."))).status).toBe(404);
    expect(
      (
        await outsiderClient.post(register, {
          intent: "answer",
          concernId: "x",
          answer: "y",
          status: "addressed",
        })
      ).status,
    ).toBe(404);
    expect(await db().concern.count({ where: { spaceId: space.id } })).toBe(0);
  });
});

describe("changing, withdrawing and marking concerns as duplicates", () => {
  const edit = (concernId: string, text: string, theme = "housing") => ({
    intent: "edit",
    concernId,
    text,
    theme,
  });

  it("lets its organisation change a waiting concern's words and theme, audited, until it is answered", async () => {
    const { space, participantClient, convenerClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("Housing lists are long."));
    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });
    expect(await (await participantClient.get(register)).text()).toContain("Change the concern");

    const changed = await participantClient.post(
      register,
      edit(concern.id, "Housing lists are too long.", "health"),
    );
    expect(await participantClient.landOn(changed)).toContain("Your concern is changed.");
    expect(await db().concern.findUniqueOrThrow({ where: { id: concern.id } })).toMatchObject({
      text: "Housing lists are too long.",
      theme: "health",
      status: "open",
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "space.concern-edited", subjectId: concern.id },
    });
    expect(JSON.parse(String(audit.detail))).toMatchObject({ theme: "health", previousTheme: "housing" });
    expect(await (await convenerClient.get(register)).text()).toContain("Housing lists are too long.");

    await convenerClient.post(register, {
      intent: "answer",
      concernId: concern.id,
      answer: "We are on it.",
      status: "answered",
    });
    const late = await participantClient.post(register, edit(concern.id, "A change after the answer."));
    expect(late.status).toBe(200);
    const page = await late.text();
    expect(page).toContain("This concern has been answered or closed; it can no longer be changed.");
    expect(page).toContain("A change after the answer.");
    expect((await db().concern.findUniqueOrThrow({ where: { id: concern.id } })).text).toBe(
      "Housing lists are too long.",
    );
    expect(await (await participantClient.get(register)).text()).not.toContain("Change the concern");
  });

  it("tells the register's open pages live when a concern is changed, withdrawn or marked a duplicate", async () => {
    const { space, focalPoint, admin, participantClient, convenerClient, register } =
      await spaceAt("INVOLVE");
    await participantClient.post(register, raise("First words."));
    await participantClient.post(register, raise("Second words."));
    const [first, second] = await db().concern.findMany({
      where: { spaceId: space.id },
      orderBy: { createdAt: "asc" },
    });
    const convenerSocket = await sockets.connectAs(focalPoint);
    const participantSocket = await sockets.connectAs(admin);
    const watch = (socket: Socket) =>
      socket.timeout(eventTimeoutMs).emitWithAck("space:watch", { spaceId: space.id });
    for (const socket of [convenerSocket, participantSocket])
      expect(await watch(socket)).toMatchObject({ ok: true });

    const heard = nextEvent(convenerSocket, "space:changed");
    await participantClient.post(register, edit(first!.id, "First words, changed."));
    expect(await heard).toEqual({ spaceId: space.id, what: "concern" });
    const heardWithdrawal = nextEvent(convenerSocket, "space:changed");
    await participantClient.post(register, { intent: "withdraw", concernId: first!.id });
    expect(await heardWithdrawal).toEqual({ spaceId: space.id, what: "concern" });
    const participantHears = nextEvent(participantSocket, "space:changed");
    await convenerClient.post(register, {
      intent: "duplicate",
      concernId: second!.id,
      duplicateOfId: first!.id,
    });
    expect(await participantHears).toEqual({ spaceId: space.id, what: "concern" });
  });

  it("refuses an empty or over-long change with the words kept, and changes nothing", async () => {
    const { space, participantClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("Original words."));
    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });
    const tooLong = `${"b".repeat(3995)} the end`;
    const refused = await participantClient.post(register, edit(concern.id, tooLong));
    expect(refused.status).toBe(200);
    const page = await refused.text();
    expect(page).toContain("This is too long.");
    expect(page).toContain(tooLong);
    const empty = await participantClient.post(register, edit(concern.id, "   "));
    expect(await empty.text()).toContain("This field is required.");
    const badTheme = await participantClient.post(register, edit(concern.id, "Kept words.", "astrology"));
    expect(await badTheme.text()).toContain("Kept words.");
    expect((await db().concern.findUniqueOrThrow({ where: { id: concern.id } })).text).toBe(
      "Original words.",
    );
  });

  it("lets its organisation withdraw a waiting concern: closed, listed as withdrawn, no longer waiting", async () => {
    const { space, participantClient, convenerClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("No longer relevant."));
    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });
    const withdrawn = await participantClient.post(register, { intent: "withdraw", concernId: concern.id });
    expect(await participantClient.landOn(withdrawn)).toContain("Your concern is withdrawn.");
    expect((await db().concern.findUniqueOrThrow({ where: { id: concern.id } })).status).toBe("withdrawn");
    expect(
      await db().auditEvent.count({ where: { action: "space.concern-withdrawn", subjectId: concern.id } }),
    ).toBe(1);
    const page = await (await convenerClient.get(register)).text();
    expect(page).toContain("No concern is waiting for an answer.");
    expect(page).toContain("Withdrawn");
    expect(page).not.toContain("Send the answer");
    const again = await participantClient.post(register, { intent: "withdraw", concernId: concern.id });
    expect(await participantClient.landOn(again)).toContain("it can no longer be changed");
  });

  it("does not let another organisation or a convener change or withdraw a concern", async () => {
    const { space, participantClient, convenerClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("Ours alone."));
    const concern = await db().concern.findFirstOrThrow({ where: { spaceId: space.id } });
    const other = await createParticipantOrganisation(space.id, "INVOLVE");
    const otherClient = await Browserless.signedIn(server.origin, other.admin.email);
    expect(await (await otherClient.get(register)).text()).not.toContain("Change the concern");
    expect((await otherClient.post(register, edit(concern.id, "Theirs now."))).status).toBe(404);
    expect((await otherClient.post(register, { intent: "withdraw", concernId: concern.id })).status).toBe(
      404,
    );
    expect((await convenerClient.post(register, edit(concern.id, "Convener's words."))).status).toBe(403);
    const consult = await createParticipantOrganisation(space.id, "CONSULT");
    const consultClient = await Browserless.signedIn(server.origin, consult.admin.email);
    expect((await consultClient.post(register, { intent: "withdraw", concernId: concern.id })).status).toBe(
      403,
    );
    expect(await db().concern.findUniqueOrThrow({ where: { id: concern.id } })).toMatchObject({
      text: "Ours alone.",
      status: "open",
    });
  });

  it("lets a convener mark a concern a duplicate of another: closed, linked to the original, listed as such", async () => {
    const { space, organisation, participantClient, convenerClient, register } = await spaceAt("INVOLVE");
    await participantClient.post(register, raise("Clinic hours are too short.", "health"));
    const other = await createParticipantOrganisation(space.id, "INVOLVE", {
      organisation: { name: `Harbour Health ${space.id}` },
    });
    const otherClient = await Browserless.signedIn(server.origin, other.admin.email);
    await otherClient.post(register, raise("The clinic closes at noon.", "health"));
    const original = await db().concern.findFirstOrThrow({ where: { organisationId: organisation.id } });
    const repeat = await db().concern.findFirstOrThrow({ where: { organisationId: other.organisation.id } });

    expect(await (await participantClient.get(register)).text()).not.toContain("Mark as a duplicate");
    const byParticipant = await participantClient.post(register, {
      intent: "duplicate",
      concernId: repeat.id,
      duplicateOfId: original.id,
    });
    expect(byParticipant.status).toBe(403);

    const itself = await convenerClient.post(register, {
      intent: "duplicate",
      concernId: repeat.id,
      duplicateOfId: repeat.id,
    });
    expect(await itself.text()).toContain("A concern cannot be a duplicate of itself.");
    const elsewhere = await convenerClient.post(register, {
      intent: "duplicate",
      concernId: repeat.id,
      duplicateOfId: "not-a-concern",
    });
    expect(await elsewhere.text()).toContain("Choose a concern of this space.");
    expect((await db().concern.findUniqueOrThrow({ where: { id: repeat.id } })).status).toBe("open");

    const marked = await convenerClient.post(register, {
      intent: "duplicate",
      concernId: repeat.id,
      duplicateOfId: original.id,
    });
    expect(await convenerClient.landOn(marked)).toContain("The concern is marked as a duplicate.");
    expect(await db().concern.findUniqueOrThrow({ where: { id: repeat.id } })).toMatchObject({
      status: "duplicate",
      duplicateOfId: original.id,
    });
    expect(
      await db().auditEvent.count({
        where: { action: "space.concern-marked-duplicate", subjectId: repeat.id },
      }),
    ).toBe(1);
    const page = await (await otherClient.get(register)).text();
    expect(page).toContain("Duplicate of the concern raised by");
    expect(page).toContain(`href="#concern-${original.id}"`);
    expect(page).not.toContain("Change the concern");

    // A duplicate of the duplicate points at the original; an answered concern is not marked again.
    const third = await createParticipantOrganisation(space.id, "INVOLVE");
    const thirdClient = await Browserless.signedIn(server.origin, third.admin.email);
    await thirdClient.post(register, raise("Clinics close too early.", "health"));
    const another = await db().concern.findFirstOrThrow({ where: { organisationId: third.organisation.id } });
    await convenerClient.post(register, {
      intent: "duplicate",
      concernId: another.id,
      duplicateOfId: repeat.id,
    });
    expect((await db().concern.findUniqueOrThrow({ where: { id: another.id } })).duplicateOfId).toBe(
      original.id,
    );
    const twice = await convenerClient.post(register, {
      intent: "duplicate",
      concernId: repeat.id,
      duplicateOfId: original.id,
    });
    expect(await twice.text()).toContain("This concern has already been answered; the first answer stands.");
  });
});
