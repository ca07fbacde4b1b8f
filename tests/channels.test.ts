import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import { deleteMessage, editMessage } from "~/modules/channels/change-message.server";
import { postMessage } from "~/modules/channels/post-message.server";
import { generalChannel } from "~/modules/channels/queries.server";
import type { CatchUp, MessageView } from "~/modules/channels/schema";
import { readSpaceResource } from "~/modules/spaces/access.server";
import type { Ack } from "~/realtime/contract";
import { db } from "~/utils/db.server";
import { addMember, createPerson } from "../prisma/factories/people";
import { addDelegate, createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";
import { eventTimeoutMs, nextEvent, noEvent, socketClients } from "./support/sockets";

let server: TestServer;
const sockets = socketClients(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => sockets.closeAll());
afterAll(async () => {
  await server.close();
});

type Level = "INFORM" | "CONSULT" | "INVOLVE" | "COLLABORATE" | "EMPOWER";

/** A space with its convener's focal point and a participant organisation (admin = lead delegate) at `level`. */
async function spaceWith(level: Level) {
  const { space, focalPoint, convener } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
  const { organisation, admin } = await createParticipantOrganisation(space.id, level, {
    organisation: { name: `Settlement Services ${level}` },
  });
  const channel = await generalChannel(space.id);
  const page = `/spaces/${space.id}/channels/${channel.id}`;
  return { space, focalPoint, convener, organisation, admin, channel, page };
}

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(eventTimeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;
}

const send = (socket: Socket, channelId: string, body: string, clientKey: string, parentId?: string) =>
  emit<{ message: MessageView; created: boolean }>(socket, "channel:send", {
    channelId,
    body,
    clientKey,
    ...(parentId ? { parentId } : {}),
  });

/** What a page holding `state` has after applying every event after `after` in order, by id. */
async function catchUp(socket: Socket, channelId: string, after: number, state: Map<string, MessageView>) {
  let from = after;
  for (;;) {
    const answer = await emit<CatchUp>(socket, "channel:catch-up", { channelId, after: from });
    if (!answer.ok) throw new Error(`catch-up refused: ${answer.error}`);
    let previous = from;
    for (const event of answer.data.events) {
      expect(event.seq).toBeGreaterThan(previous);
      previous = event.seq;
      state.set(event.message.id, event.message);
    }
    from = answer.data.lastEventSeq;
    if (!answer.data.more) return from;
  }
}

describe("who takes part in a channel", () => {
  it.each(["INFORM", "CONSULT"] as const)(
    "finds nothing for an organisation at %s: 404 on every channel page and post, no socket room",
    async (level) => {
      const { space, admin, channel, page } = await spaceWith(level);
      const client = await Browserless.signedIn(server.origin, admin.email);
      expect((await client.get(`/spaces/${space.id}`)).status).toBe(200);
      expect((await client.get(page)).status).toBe(404);
      expect((await client.get(`/spaces/${space.id}/channels`)).status).toBe(404);
      const post = await client.post(page, { intent: "post", body: "Hello", clientKey: "key-refused-1" });
      expect(post.status).toBe(404);
      const spaceNav = await (await client.get(`/spaces/${space.id}`)).text();
      expect(spaceNav).not.toContain(`/spaces/${space.id}/channels"`);

      const socket = await sockets.connectAs(admin);
      expect(await emit(socket, "channel:join", { channelId: channel.id })).toEqual({
        ok: false,
        error: "not-found",
      });
      expect(await emit(socket, "channel:catch-up", { channelId: channel.id, after: 0 })).toMatchObject({
        ok: false,
        error: "not-found",
      });
      expect(await send(socket, channel.id, "Hello", "key-refused-2")).toMatchObject({ ok: false });
      expect(await db().channelMessage.count({ where: { channelId: channel.id } })).toBe(0);
    },
  );

  it.each(["INVOLVE", "COLLABORATE", "EMPOWER"] as const)(
    "lets the delegates of an organisation at %s read and post; its other members find nothing",
    async (level) => {
      const { space, organisation, admin, channel, page } = await spaceWith(level);
      const client = await Browserless.signedIn(server.origin, admin.email);
      expect((await client.get(page)).status).toBe(200);
      const posted = await client.post(page, { intent: "post", body: "Hello all", clientKey: "key-ok-0001" });
      expect(posted.status).toBe(303);
      expect(await db().channelMessage.count({ where: { channelId: channel.id } })).toBe(1);

      const member = await createPerson({ name: "Plain Member" });
      await addMember(member.id, organisation.id, { role: "member" });
      const memberClient = await Browserless.signedIn(server.origin, member.email);
      expect((await memberClient.get(page)).status).toBe(404);
      // Named a delegate, they take part.
      await addDelegate(space.id, organisation.id, member.id);
      expect((await memberClient.get(page)).status).toBe(200);
    },
  );

  it("lets every convener read, post and open topic channels", async () => {
    const { space, focalPoint, admin } = await spaceWith("INVOLVE");
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const opened = await convener.post(`/spaces/${space.id}/channels`, {
      intent: "open",
      title: "Health and wellbeing sector table",
    });
    expect(opened.status).toBe(303);
    const topic = await db().channel.findFirstOrThrow({ where: { spaceId: space.id, key: null } });
    expect(opened.headers.get("location")).toBe(`/spaces/${space.id}/channels/${topic.id}`);
    expect(await db().auditEvent.count({ where: { action: "channel.opened", subjectId: topic.id } })).toBe(1);

    const participant = await Browserless.signedIn(server.origin, admin.email);
    expect(await (await participant.get(`/spaces/${space.id}/channels`)).text()).toContain(
      "Health and wellbeing sector table",
    );
    // A participant may not open one.
    const refused = await participant.post(`/spaces/${space.id}/channels`, { intent: "open", title: "Mine" });
    expect(refused.status).toBe(403);
  });

  it("takes an organisation downgraded below INVOLVE out of the channel's room at once", async () => {
    const { space, focalPoint, organisation, admin, channel } = await spaceWith("INVOLVE");
    const socket = await sockets.connectAs(admin);
    expect(await emit(socket, "channel:join", { channelId: channel.id })).toMatchObject({ ok: true });
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const changed = await convener.post(`/spaces/${space.id}/participants`, {
      intent: "change-level",
      organisationId: organisation.id,
      level: "CONSULT",
      rationale: "The channel is for the partners working on the plan.",
    });
    expect(changed.status).toBeLessThan(400);
    // The move out of the room follows the command; once a catch-up is refused, it has happened.
    await expect
      .poll(async () => (await emit(socket, "channel:catch-up", { channelId: channel.id, after: 0 })).ok)
      .toBe(false);
    const convenerSocket = await sockets.connectAs(focalPoint);
    const quiet = noEvent(socket, "channel:changed");
    expect(
      await send(convenerSocket, channel.id, "Only for INVOLVE and above", "key-after-downgrade"),
    ).toMatchObject({ ok: true });
    await quiet;
  });
});

describe("posting", () => {
  it("shows a message posted without JavaScript, counts it unread for the others until they open the channel", async () => {
    const { space, focalPoint, admin, page } = await spaceWith("INVOLVE");
    const participant = await Browserless.signedIn(server.origin, admin.email);
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    await participant.post(page, {
      intent: "post",
      body: "We can host the **next** session.",
      clientKey: "key-nojs-01",
    });
    await participant.post(page, { intent: "post", body: "Second *thought*.", clientKey: "key-nojs-02" });

    const overview = await (await convener.get(`/spaces/${space.id}`)).text();
    expect(overview).toMatch(/>2 unread</);
    const channelPage = await (await convener.get(page)).text();
    expect(channelPage).toContain("2 new messages since your last visit.");
    const first = await db().channelMessage.findFirstOrThrow({
      where: { seq: 1, channel: { spaceId: space.id } },
    });
    expect(channelPage).toContain(`href="#message-${first.id}"`);
    expect(channelPage).toContain(`id="message-${first.id}"`);
    expect(channelPage).toContain("We can host the <strong>next</strong> session.");
    expect(channelPage).toContain("Second <em>thought</em>.");
    expect(await (await convener.get(`/spaces/${space.id}`)).text()).not.toMatch(/>\d+ unread</);
    // The author has read their own messages.
    expect(await (await participant.get(`/spaces/${space.id}`)).text()).not.toMatch(/>\d+ unread</);
    await participant.post(page, { intent: "post", body: "Third", clientKey: "key-nojs-03" });
    expect(await (await convener.get(`/spaces/${space.id}/channels`)).text()).toMatch(/>1 unread</);
    const allRead = await convener.post(`/spaces/${space.id}/channels?index`, { intent: "read-all" });
    expect(allRead.status).toBe(303);
    expect(await (await convener.get(`/spaces/${space.id}/channels`)).text()).not.toMatch(/>\d+ unread</);
  });

  it("never makes a second message for a retried send, over the socket or the form", async () => {
    const { admin, channel, page } = await spaceWith("INVOLVE");
    const socket = await sockets.connectAs(admin);
    const first = await send(socket, channel.id, "Once only", "key-retry-0001");
    const again = await send(socket, channel.id, "Once only", "key-retry-0001");
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(again).toMatchObject({ ok: true, data: { created: false } });
    if (!first.ok || !again.ok) throw new Error("unreachable");
    expect(again.data.message.id).toBe(first.data.message.id);

    // Five sends of one key at once (a retry racing the first attempt): one message.
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => send(socket, channel.id, "Raced", "key-race-00001")),
    );
    expect(racing.every((answer) => answer.ok)).toBe(true);
    expect(await db().channelMessage.count({ where: { channelId: channel.id, body: "Raced" } })).toBe(1);

    const client = await Browserless.signedIn(server.origin, admin.email);
    const form = { intent: "post", body: "By the form", clientKey: "key-form-00001" };
    expect((await client.post(page, form)).status).toBe(303);
    expect((await client.post(page, form)).status).toBe(303);
    expect(await db().channelMessage.count({ where: { channelId: channel.id, body: "By the form" } })).toBe(
      1,
    );
    const numbers = await db().channelMessage.findMany({
      where: { channelId: channel.id },
      orderBy: { seq: "asc" },
      select: { seq: true },
    });
    expect(numbers.map((message) => message.seq)).toEqual([1, 2, 3]);
  });

  it("answers bad input with a clear 400, keeping what was typed, never a 500", async () => {
    const { admin, channel, page } = await spaceWith("INVOLVE");
    const client = await Browserless.signedIn(server.origin, admin.email);
    const empty = await client.post(page, { intent: "post", body: "   ", clientKey: "key-bad-00001" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("This field is required.");
    const tooLong = `${"a".repeat(4000)} and more`;
    const long = await client.post(page, { intent: "post", body: tooLong, clientKey: "key-bad-00002" });
    expect(long.status).toBe(400);
    const longPage = await long.text();
    expect(longPage).toContain("This is too long.");
    expect(longPage).toContain(tooLong);
    expect((await client.post(page, { intent: "post", body: "No key" })).status).toBe(400);
    expect((await client.post(page, { intent: "nonsense" })).status).toBe(400);
    expect((await client.post(page, { intent: "delete" })).status).toBe(400);
    expect((await client.get(`${page}?before=made-up`)).status).toBe(400);
    expect((await client.get(`${page}?thread=unknown`)).status).toBe(404);
    expect((await client.get(`/spaces/${channel.spaceId}/channels/unknown`)).status).toBe(404);

    const socket = await sockets.connectAs(admin);
    for (const payload of [
      null,
      { channelId: channel.id },
      { channelId: channel.id, after: -1 },
      { channelId: channel.id, after: "0" },
      { channelId: channel.id, after: 0, extra: true },
    ])
      expect(await emit(socket, "channel:catch-up", payload)).toEqual({
        ok: false,
        error: "invalid-payload",
      });
    expect(await send(socket, channel.id, "", "key-bad-00003")).toEqual({
      ok: false,
      error: "invalid-payload",
    });
    expect(await send(socket, channel.id, "x", "no")).toEqual({ ok: false, error: "invalid-payload" });
    expect(await send(socket, channel.id, "reply", "key-bad-00004", "not-a-message")).toMatchObject({
      ok: false,
      error: "refused",
    });
    expect(await db().channelMessage.count({ where: { channelId: channel.id } })).toBe(0);
  });

  it("renders the Markdown subset and nothing else: no raw HTML, no script links", async () => {
    const { admin, page } = await spaceWith("INVOLVE");
    const client = await Browserless.signedIn(server.origin, admin.email);
    const body = [
      "<script>alert('x')</script> <img src=x onerror=alert(1)>",
      "[click](javascript:alert(1)) and [our site](https://example.org/plan)",
      "- one",
      "- `two`",
    ].join("\n");
    await client.post(page, { intent: "post", body, clientKey: "key-md-000001" });
    const html = await (await client.get(page)).text();
    expect(html).not.toContain("<script>alert(");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="https://example.org/plan"');
    expect(html).toMatch(/<ul><li>one<\/li><li><code>two<\/code><\/li><\/ul>/);
  });
});

describe("mentions", () => {
  it("notifies the people and organisations a message mentions, of those who read the channel only", async () => {
    const { space, focalPoint, admin, channel, page } = await spaceWith("INVOLVE");
    const { admin: consulted } = await createParticipantOrganisation(space.id, "CONSULT", {
      organisation: { name: "Consulted Forum" },
    });
    await db().person.update({ where: { id: consulted.id }, data: { name: "Casey Consulted" } });
    const { organisation: partner, admin: partnerAdmin } = await createParticipantOrganisation(
      space.id,
      "COLLABORATE",
      { organisation: { name: "Partner Network" } },
    );
    const client = await Browserless.signedIn(server.origin, admin.email);
    await client.post(page, {
      intent: "post",
      body: `@${focalPoint.name}, can @Partner Network join? Not @Casey Consulted.`,
      clientKey: "key-mention-01",
    });
    const notified = await db().notification.findMany({
      where: { spaceId: space.id, message: "notifications.messages.channelMention" },
      select: { personId: true, link: true },
    });
    expect(notified.map((row) => row.personId).sort()).toEqual([focalPoint.id, partnerAdmin.id].sort());
    expect(notified[0]!.link).toContain(`/spaces/${space.id}/channels/${channel.id}`);
    expect(partner.name).toBe("Partner Network");
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    expect(await (await convener.get("/notifications")).text()).toContain(
      `${admin.name} mentioned you in General (Ottawa LIP)`,
    );
  });
});

describe("what a person hears of a channel", () => {
  it("keeps mentions from someone who chose nothing, and the count out of the navigation unless all", async () => {
    const { space, focalPoint, admin, page } = await spaceWith("INVOLVE");
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const participant = await Browserless.signedIn(server.origin, admin.email);
    expect(await (await convener.get(page)).text()).toContain('<option value="all" selected="">');
    const saved = await convener.post(page, { intent: "preference", notify: "nothing" });
    expect(saved.status).toBe(302);
    expect((await convener.post(page, { intent: "preference", notify: "loud" })).status).toBe(400);
    await participant.post(page, {
      intent: "post",
      body: `@${focalPoint.name} please have a look`,
      clientKey: "key-pref-0001",
    });
    expect(
      await db().notification.count({
        where: { personId: focalPoint.id, message: "notifications.messages.channelMention" },
      }),
    ).toBe(0);
    expect(await (await convener.get(`/spaces/${space.id}`)).text()).not.toMatch(/>\d+ unread</);
    expect(await (await convener.get(`/spaces/${space.id}/channels`)).text()).toMatch(/>1 unread</);

    await convener.post(page, { intent: "preference", notify: "mentions" });
    await participant.post(page, {
      intent: "post",
      body: `@${focalPoint.name} and now?`,
      clientKey: "key-pref-0002",
    });
    expect(
      await db().notification.count({
        where: { personId: focalPoint.id, message: "notifications.messages.channelMention" },
      }),
    ).toBe(1);
    expect(await (await convener.get(`/spaces/${space.id}`)).text()).not.toMatch(/>\d+ unread</);
    await convener.post(page, { intent: "preference", notify: "all" });
    await participant.post(page, { intent: "post", body: "Third", clientKey: "key-pref-0003" });
    expect(await (await convener.get(`/spaces/${space.id}`)).text()).toMatch(/>3 unread</);
  });
});

describe("threads, edits, deletes and moderation", () => {
  it("keeps replies in their thread, marks edits, leaves a marker for a deleted message", async () => {
    const { focalPoint, admin, channel, page } = await spaceWith("INVOLVE");
    const socket = await sockets.connectAs(admin);
    const parent = await send(socket, channel.id, "When is the next meeting?", "key-thread-001");
    if (!parent.ok) throw new Error("not sent");
    const convenerSocket = await sockets.connectAs(focalPoint);
    await send(convenerSocket, channel.id, "On Thursday", "key-thread-002", parent.data.message.id);
    const reply = await send(socket, channel.id, "Thanks", "key-thread-003", parent.data.message.id);
    if (!reply.ok) throw new Error("not sent");

    const client = await Browserless.signedIn(server.origin, admin.email);
    const channelPage = await (await client.get(page)).text();
    expect(channelPage).toContain("2 replies");
    expect(channelPage).not.toContain("On Thursday");
    const threadPage = await (await client.get(`${page}?thread=${parent.data.message.id}`)).text();
    expect(threadPage).toContain("On Thursday");

    const edit = await client.post(page, {
      intent: "edit",
      messageId: reply.data.message.id,
      body: "Thanks, noted",
    });
    expect(edit.status).toBe(303);
    const removed = await client.post(page, { intent: "delete", messageId: reply.data.message.id });
    expect(removed.status).toBe(302);
    const after = await (await client.get(`${page}?thread=${parent.data.message.id}`)).text();
    expect(after).toContain("Message removed");
    expect(after).not.toContain("Thanks, noted");

    // Someone else's message is not theirs to edit or delete.
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const othersEdit = await convener.post(page, {
      intent: "edit",
      messageId: parent.data.message.id,
      body: "Rewritten",
    });
    expect(othersEdit.status).toBe(404);
  });

  it("lets a convener hide a message with a reason: audited, the author told, the reason in its place", async () => {
    const { space, focalPoint, admin, channel, page } = await spaceWith("INVOLVE");
    const socket = await sockets.connectAs(admin);
    const sent = await send(socket, channel.id, "Off-topic advert", "key-hide-0001");
    if (!sent.ok) throw new Error("not sent");
    const participant = await Browserless.signedIn(server.origin, admin.email);
    const refused = await participant.post(page, {
      intent: "hide",
      messageId: sent.data.message.id,
      reason: "Mine",
    });
    expect(refused.status).toBe(403);

    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const noReason = await convener.post(page, {
      intent: "hide",
      messageId: sent.data.message.id,
      reason: "",
    });
    expect(noReason.status).toBe(400);
    const hidden = await convener.post(page, {
      intent: "hide",
      messageId: sent.data.message.id,
      reason: "Advertising is not allowed here",
    });
    expect(hidden.status).toBe(303);
    const html = await (await participant.get(page)).text();
    expect(html).toContain("Hidden by the conveners:");
    expect(html).toContain("Advertising is not allowed here");
    expect(html).not.toContain("Off-topic advert");
    expect(
      await db().auditEvent.count({
        where: { action: "channel.message-hidden", subjectId: sent.data.message.id },
      }),
    ).toBe(1);
    const notification = await db().notification.findFirstOrThrow({
      where: { personId: admin.id, spaceId: space.id },
    });
    expect(notification.message).toBe("notifications.messages.channelMessageHidden");
  });
});

describe("reactions", () => {
  it("gives and takes back a reaction, as an event the catch-up carries; refuses anything but the few", async () => {
    const { space, focalPoint, admin, channel, page } = await spaceWith("INVOLVE");
    const socket = await sockets.connectAs(admin);
    const sent = await send(socket, channel.id, "Shall we meet on Thursday?", "key-react-0001");
    if (!sent.ok) throw new Error("not sent");
    const messageId = sent.data.message.id;
    const convener = await Browserless.signedIn(server.origin, focalPoint.email);
    const given = await convener.post(page, { intent: "react", messageId, emoji: "👍" });
    expect(given.status).toBe(303);
    const html = await (await convener.get(page)).text();
    expect(html).toContain('aria-label="Thumbs up: 1 reaction"');
    expect(html).toMatch(/aria-pressed="true"[^>]*aria-label="Thumbs up: 1 reaction"/);
    const state = new Map<string, MessageView>();
    const after = await catchUp(socket, channel.id, 0, state);
    expect(state.get(messageId)!.reactions).toEqual([{ emoji: "👍", personIds: [focalPoint.id] }]);
    await convener.post(page, { intent: "react", messageId, emoji: "👍" });
    await catchUp(socket, channel.id, after, state);
    expect(state.get(messageId)!.reactions).toEqual([]);
    expect((await convener.post(page, { intent: "react", messageId, emoji: "💩" })).status).toBe(400);
    expect((await convener.post(page, { intent: "react", messageId: "unknown", emoji: "👍" })).status).toBe(
      404,
    );
    expect(
      await db().auditEvent.count({
        where: { spaceId: space.id, action: { startsWith: "channel.reaction" } },
      }),
    ).toBe(2);
  });
});

describe("no message lost", () => {
  it("tells the channel's room of a new message live", async () => {
    const { focalPoint, admin, channel } = await spaceWith("INVOLVE");
    const reader = await sockets.connectAs(admin);
    const joined = await emit<{ lastEventSeq: number }>(reader, "channel:join", { channelId: channel.id });
    expect(joined).toMatchObject({ ok: true, data: { lastEventSeq: 0 } });
    const writer = await sockets.connectAs(focalPoint);
    const heard = nextEvent<{ channelId: string; seq: number }>(reader, "channel:changed");
    await send(writer, channel.id, "Live", "key-live-00001");
    expect(await heard).toEqual({ channelId: channel.id, seq: 1 });
  });

  it("gives a client away while 200 messages, 20 edits and 10 deletes happen exactly the final state", async () => {
    const { space, focalPoint, admin, channel } = await spaceWith("INVOLVE");
    const reader = await sockets.connectAs(admin);
    const state = new Map<string, MessageView>();
    const early = await sockets.connectAs(focalPoint);
    for (let index = 0; index < 3; index += 1)
      await send(early, channel.id, `Before ${index}`, `key-before-${index}0000`);
    const joined = await emit<{ lastEventSeq: number }>(reader, "channel:join", { channelId: channel.id });
    if (!joined.ok) throw new Error("not joined");
    const seen = await catchUp(reader, channel.id, 0, state);
    expect(state.size).toBe(3);
    reader.disconnect();

    const actor = (await actorForPerson(focalPoint.id))!;
    const resource = (await readSpaceResource(actor, space.id))!;
    const posted: string[] = [];
    for (let index = 0; index < 200; index += 1) {
      const { message } = await postMessage(
        actor,
        resource,
        channel.id,
        resource.standings[0]!.organisationId,
        {
          body: `Message ${index}`,
          clientKey: `key-burst-${String(index).padStart(4, "0")}`,
        },
      );
      posted.push(message.id);
    }
    for (let index = 0; index < 20; index += 1)
      await editMessage(actor, resource, channel.id, {
        messageId: posted[index * 7]!,
        body: `Edited ${index}`,
      });
    for (let index = 0; index < 10; index += 1)
      await deleteMessage(actor, resource, channel.id, { messageId: posted[150 + index * 3]! });

    reader.connect();
    await nextEvent(reader, "connect");
    expect(await emit(reader, "channel:join", { channelId: channel.id })).toMatchObject({ ok: true });
    const last = await catchUp(reader, channel.id, seen, state);

    const stored = await db().channelMessage.findMany({
      where: { channelId: channel.id },
      orderBy: { seq: "asc" },
    });
    expect(stored).toHaveLength(203);
    expect(last).toBe(3 + 200 + 20 + 10);
    expect(
      [...state.values()]
        .sort((a, b) => a.seq - b.seq)
        .map((message) => [message.id, message.state, message.body]),
    ).toEqual(
      stored.map((message) => [
        message.id,
        message.deletedAt ? "deleted" : message.editedAt ? "edited" : "shown",
        message.deletedAt ? null : message.body,
      ]),
    );
    expect([...state.values()].filter((message) => message.state === "deleted")).toHaveLength(10);
    expect([...state.values()].filter((message) => message.state === "edited")).toHaveLength(20);
    // Asking again from the last event gives nothing new: applying twice changes nothing.
    expect(await emit(reader, "channel:catch-up", { channelId: channel.id, after: last })).toEqual({
      ok: true,
      data: { events: [], lastEventSeq: last, more: false },
    });
  });
});
