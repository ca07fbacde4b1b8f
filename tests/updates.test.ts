import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMember } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Posts a multipart form the way a browser does on Concord's pages: same origin, session cookie. */
function postMultipart(
  client: Browserless,
  pathname: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; content: BlobPart },
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append("file", new Blob([file.content], { type: file.type }), file.name);
  return fetch(new URL(pathname, server.origin), {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Origin: server.origin, Cookie: client.cookieHeader() },
  });
}

/** Follows a multipart post's redirect with the cookies it set (the toast), as the browser would. */
async function landOnAfterMultipart(client: Browserless, response: Response) {
  expect(response.status).toBe(302);
  const setCookies = response.headers.getSetCookie().map((line) => line.split(";")[0]);
  const cookie = [client.cookieHeader(), ...setCookies].join("; ");
  return (await client.get(response.headers.get("Location") ?? "", { headers: { Cookie: cookie } })).text();
}

const uploads = () => readdir(path.join(process.env.DATA_DIR ?? "", "uploads")).catch((): string[] => []);

/** A space with a signed-in convener and a signed-in participant (INFORM, its admin is lead delegate). */
async function spaceWithPeople() {
  const { space, focalPoint, convener } = await createConvenedSpace({ space: { title: "Ottawa LIP" } });
  const { organisation, admin } = await createParticipantOrganisation(space.id, "INFORM");
  const convenerClient = await Browserless.signedIn(server.origin, focalPoint.email);
  const participantClient = await Browserless.signedIn(server.origin, admin.email);
  return { space, convener, focalPoint, organisation, admin, convenerClient, participantClient };
}

describe("publishing updates", () => {
  it("publishes with a link and with a file; participants see them newest first, are notified and can download", async () => {
    const { space, admin, convenerClient, participantClient } = await spaceWithPeople();
    const feed = `/spaces/${space.id}/updates`;

    const first = await postMultipart(convenerClient, feed, {
      kind: "priority",
      title: "Housing first",
      body: "Line one\nLine two",
      linkUrl: "https://example.org/plan",
    });
    expect(await landOnAfterMultipart(convenerClient, first)).toContain("Published “Housing first”");

    const second = await postMultipart(
      convenerClient,
      feed,
      { kind: "document", title: "Terms of reference", body: "", linkUrl: "" },
      { name: "../../terms <v2>.pdf", type: "application/pdf", content: "%PDF-1.4 tiny" },
    );
    expect(second.status).toBe(302);

    const stored = await db().spaceUpdate.findFirstOrThrow({
      where: { spaceId: space.id, kind: "document" },
    });
    expect(stored.fileName).toBe("terms <v2>.pdf");
    expect(stored.fileSize).toBe("%PDF-1.4 tiny".length);
    expect(stored.fileType).toBe("application/pdf");
    expect(stored.fileKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await uploads()).toContain(stored.fileKey);

    const page = await (await participantClient.get(feed)).text();
    expect(page.indexOf("Terms of reference")).toBeGreaterThan(-1);
    expect(page.indexOf("Terms of reference")).toBeLessThan(page.indexOf("Housing first"));
    expect(page).toContain('href="https://example.org/plan"');
    expect(page).toContain(`/spaces/${space.id}/updates/${stored.id}/file`);
    expect(page).toContain("Notifications (2)");

    const notifications = await (await participantClient.get("/notifications")).text();
    expect(notifications).toContain("New update in Ottawa LIP: Housing first");
    expect(notifications).toContain("New update in Ottawa LIP: Terms of reference");
    expect(await db().notification.count({ where: { personId: admin.id, readAt: null } })).toBe(2);

    const download = await participantClient.get(`/spaces/${space.id}/updates/${stored.id}/file`);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const disposition = download.headers.get("Content-Disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="terms _v2_.pdf"; filename\*=UTF-8''/);
    expect(disposition).not.toContain("<");
    expect(await download.text()).toBe("%PDF-1.4 tiny");

    const audit = await db().auditEvent.findMany({
      where: { spaceId: space.id, action: "space.update-published" },
    });
    expect(audit).toHaveLength(2);
  });

  it("refuses a file over 10 MB with a field error, keeps what was typed and stores nothing", async () => {
    const { space, convenerClient } = await spaceWithPeople();
    const before = await uploads();
    const response = await postMultipart(
      convenerClient,
      `/spaces/${space.id}/updates`,
      { kind: "document", title: "Annual report", body: "Read it all", linkUrl: "" },
      { name: "report.pdf", type: "application/pdf", content: new Uint8Array(10 * 1024 * 1024 + 1) },
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("This file is larger than 10 MB");
    expect(page).toContain('value="Annual report"');
    expect(page).toContain("Read it all");
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(0);
    expect(await uploads()).toEqual(before);
  });

  it("refuses a kind of file it does not accept, and text errors remove the stored file", async () => {
    const { space, convenerClient } = await spaceWithPeople();
    const before = await uploads();
    const wrongType = await postMultipart(
      convenerClient,
      `/spaces/${space.id}/updates`,
      { kind: "document", title: "Script", body: "", linkUrl: "" },
      { name: "run.html", type: "text/html", content: "<script>alert(1)</script>" },
    );
    expect(await wrongType.text()).toContain("This kind of file is not accepted");
    const noTitle = await postMultipart(
      convenerClient,
      `/spaces/${space.id}/updates`,
      { kind: "document", title: "", body: "", linkUrl: "http://insecure.example.org" },
      { name: "notes.txt", type: "text/plain", content: "notes" },
    );
    const page = await noTitle.text();
    expect(page).toContain("This field is required.");
    expect(page).toContain("Enter a web address starting with https://.");
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(0);
    expect(await uploads()).toEqual(before);
  });

  it("renders text as text: script tags come out escaped", async () => {
    const { space, convenerClient, participantClient } = await spaceWithPeople();
    const response = await postMultipart(convenerClient, `/spaces/${space.id}/updates`, {
      kind: "announcement",
      title: "<script>alert('title')</script>",
      body: "<script>alert('body')</script>",
      linkUrl: "",
    });
    expect(response.status).toBe(302);
    const page = await (await participantClient.get(`/spaces/${space.id}/updates`)).text();
    expect(page).not.toContain("<script>alert(");
    expect(page).toContain("&lt;script&gt;alert(");
  });

  it("lets only conveners publish: a participant gets 403, an outsider 404, and nothing is saved", async () => {
    const { space, participantClient } = await spaceWithPeople();
    const fields = { kind: "decision", title: "Not mine to publish", body: "", linkUrl: "" };
    const participantPost = await postMultipart(participantClient, `/spaces/${space.id}/updates`, fields, {
      name: "a.txt",
      type: "text/plain",
      content: "a",
    });
    expect(participantPost.status).toBe(403);
    const participantPage = await (await participantClient.get(`/spaces/${space.id}/updates`)).text();
    expect(participantPage).not.toContain("Publish an update");

    const { person: outsider } = await createMember({ role: "admin" });
    const outsiderClient = await Browserless.signedIn(server.origin, outsider.email);
    expect((await postMultipart(outsiderClient, `/spaces/${space.id}/updates`, fields)).status).toBe(404);
    expect((await outsiderClient.get(`/spaces/${space.id}/updates`)).status).toBe(404);
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(0);
  });

  it("serves files only to people who may read the updates", async () => {
    const { space, convenerClient } = await spaceWithPeople();
    await postMultipart(
      convenerClient,
      `/spaces/${space.id}/updates`,
      { kind: "document", title: "Minutes", body: "", linkUrl: "" },
      { name: "minutes.csv", type: "text/csv", content: "a,b\n1,2\n" },
    );
    const update = await db().spaceUpdate.findFirstOrThrow({ where: { spaceId: space.id } });
    const file = `/spaces/${space.id}/updates/${update.id}/file`;

    const { person: outsider } = await createMember({ role: "admin" });
    const outsiderClient = await Browserless.signedIn(server.origin, outsider.email);
    expect((await outsiderClient.get(file)).status).toBe(404);

    const { admin: invitedAdmin } = await createParticipantOrganisation(space.id, "COLLABORATE", {
      status: "invited",
    });
    const invitedClient = await Browserless.signedIn(server.origin, invitedAdmin.email);
    expect((await invitedClient.get(file)).status).toBe(404);

    const { space: otherSpace } = await createConvenedSpace();
    expect((await convenerClient.get(`/spaces/${otherSpace.id}/updates/${update.id}/file`)).status).toBe(404);
    expect((await convenerClient.get(file)).status).toBe(200);
  });
});

describe("the body limit", () => {
  it("takes files of several MB on the publishing route (page and data request), and 1 MiB elsewhere", async () => {
    const { space, convenerClient } = await spaceWithPeople();
    const fields = { kind: "document", title: "Large plan", body: "", linkUrl: "" };
    const file = { name: "plan.pdf", type: "application/pdf", content: new Uint8Array(2 * 1024 * 1024) };
    const viaPage = await postMultipart(convenerClient, `/spaces/${space.id}/updates`, fields, file);
    expect(viaPage.status).toBe(302);
    const viaData = await postMultipart(convenerClient, `/spaces/${space.id}/updates.data`, fields, file);
    expect(viaData.status).not.toBe(413);
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id, fileSize: 2 * 1024 * 1024 } })).toBe(2);

    const elsewhere = await postMultipart(convenerClient, `/spaces/${space.id}/concerns`, fields, file);
    expect(elsewhere.status).toBe(413);
  });
});

describe("notifications", () => {
  it("lists the person's notifications, newest first, and marks them all as read", async () => {
    const { space, convenerClient, participantClient } = await spaceWithPeople();
    for (const title of ["Older news", "Newer news"]) {
      const response = await postMultipart(convenerClient, `/spaces/${space.id}/updates`, {
        kind: "announcement",
        title,
        body: "",
        linkUrl: "",
      });
      expect(response.status).toBe(302);
    }
    const page = await (await participantClient.get("/notifications")).text();
    expect(page.indexOf("Newer news")).toBeLessThan(page.indexOf("Older news"));
    expect(page).toContain("Unread");
    expect(page).toContain(`href="/spaces/${space.id}/updates"`);
    expect(page).toContain("Notifications (2)");

    const marked = await participantClient.post("/notifications", {});
    const after = await participantClient.landOn(marked);
    expect(after).toContain("All your notifications are marked as read.");
    expect(after).toContain("Notifications (0)");
    expect(after).not.toContain("Mark all as read");
    expect(after).toContain("Newer news");

    // The convener's own notifications are not touched by someone else's "mark all as read".
    const convenerPage = await (await convenerClient.get("/notifications")).text();
    expect(convenerPage).not.toContain("Newer news");
  });
});
