import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepOrphanUploads } from "~/modules/updates/files.server";
import { db } from "~/utils/db.server";
import { createConvenedSpace } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const uploadsDirectory = () => path.join(process.env.DATA_DIR ?? "", "uploads");
const uploads = () => readdir(uploadsDirectory()).catch((): string[] => []);

async function until(condition: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function convener(locale: string | null = null) {
  const { space, convener, focalPoint } = await createConvenedSpace();
  if (locale) await db().person.update({ where: { id: focalPoint.id }, data: { locale } });
  const client = await Browserless.signedIn(server.origin, focalPoint.email);
  return { space, convener, focalPoint, client, feed: `/spaces/${space.id}/updates` };
}

function updateForm(title: string, file?: { name: string; content: string }) {
  const form = new FormData();
  form.append("kind", "document");
  form.append("title", title);
  form.append("body", "");
  form.append("linkUrl", "");
  if (file) form.append("file", new Blob([file.content], { type: "application/pdf" }), file.name);
  return form;
}

const boundary = "----ConcordTestBoundary7MA4YWxkTrZu0gW";
const field = (name: string, value: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const multipart = { "Content-Type": `multipart/form-data; boundary=${boundary}` };

describe("file names", () => {
  it("accepts names with = and ; quoted as browsers send them, and stores a clean display name", async () => {
    const { space, client, feed } = await convener();
    const names = {
      "a=b;c.pdf": "a=b;c.pdf",
      'minutes; draft="2".pdf': 'minutes; draft="2".pdf',
      "C:\\fakepath\\../Budget\u202E 2027\u0007\t.pdf": "Budget 2027.pdf",
      "\u200Fتقرير\u061C سنوي.pdf": "تقرير سنوي.pdf",
    };
    for (const [sent, stored] of Object.entries(names)) {
      const response = await client.postBody(
        feed,
        updateForm(`File ${stored}`, { name: sent, content: "%PDF" }),
      );
      expect(response.status, await response.text()).toBe(302);
      const update = await db().spaceUpdate.findFirstOrThrow({
        where: { spaceId: space.id, title: `File ${stored}` },
      });
      expect(update.fileName).toBe(stored);
      const download = await client.get(`${feed}/${update.id}/file`);
      expect(await download.text()).toBe("%PDF");
      expect(download.headers.get("Content-Disposition")).toContain(
        `filename*=UTF-8''${encodeURIComponent(stored).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
    }
  });

  it("refuses names whose extension every object has (.constructor, .toString) as a kind it does not accept", async () => {
    const { space, client, feed } = await convener();
    for (const name of ["run.constructor", "run.toString", "run.__proto__", "run.hasOwnProperty"]) {
      const response = await client.postBody(feed, updateForm("Odd", { name, content: "x" }));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("This kind of file is not accepted");
    }
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(0);
  });

  it("answers a multipart body it cannot read with a form error in the person's language, keeping what was typed", async () => {
    const { space, client, feed } = await convener("fr");
    const before = await uploads();
    const typed = field("kind", "document") + field("title", "Rapport annuel") + field("body", "À lire");
    const bodies: [string, Record<string, string>][] = [
      // A quote that never closes, then a file's bytes.
      [
        `${typed}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rapport.pdf\r\n\r\n%PDF\r\n--${boundary}--\r\n`,
        multipart,
      ],
      // A part without Content-Disposition.
      [`${typed}--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`, multipart],
      // A file part cut off: no closing boundary.
      [
        `${typed}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.pdf"\r\n\r\n%PDF`,
        multipart,
      ],
      // The body's boundary is not the one the Content-Type announces.
      [typed.replaceAll(boundary, "another-boundary"), multipart],
      // No boundary at all.
      [typed, { "Content-Type": "multipart/form-data" }],
    ];
    for (const [body, headers] of bodies) {
      const response = await client.postBody(feed, Buffer.from(body), headers);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain("Concord n’a pas pu lire ce que ce formulaire a envoyé");
      if (headers === multipart && !body.includes("another-boundary")) {
        expect(page).toContain('value="Rapport annuel"');
        expect(page).toContain("À lire");
      }
    }
    expect(await db().spaceUpdate.count({ where: { spaceId: space.id } })).toBe(0);
    expect(await uploads()).toEqual(before);
  });
});

describe("uploads cut short", () => {
  it("leave no partial file when the client goes away in the middle of the file", async () => {
    const { client, feed } = await convener();
    const before = new Set(await uploads());
    const head = `${field("kind", "document")}${field("title", "Cut short")}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const request = http.request(new URL(feed, server.origin), {
      method: "POST",
      headers: {
        ...multipart,
        Origin: server.origin,
        Cookie: client.cookieHeader(),
        "Content-Length": String(head.length + 8 * 1024 * 1024),
      },
    });
    request.on("error", () => {});
    request.write(head);
    request.write(randomBytes(2 * 1024 * 1024));
    const partial = async () => (await uploads()).filter((name) => !before.has(name));
    await until(async () => (await partial()).length === 1, "the partial file");
    request.destroy();
    await until(async () => (await partial()).length === 0, "the partial file to be removed");
    const health = await fetch(new URL("/healthz", server.origin));
    expect(health.status).toBe(200);
  });

  it("are swept when nothing points to them for an hour: referenced and recent files stay", async () => {
    const { space, convener: organisation, focalPoint } = await convener();
    await mkdir(uploadsDirectory(), { recursive: true });
    const key = () => randomBytes(24).toString("base64url");
    const files = { oldOrphan: key(), oldReferenced: key(), youngOrphan: key(), notOurs: "notes.txt" };
    for (const name of Object.values(files)) await writeFile(path.join(uploadsDirectory(), name), "x");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const name of [files.oldOrphan, files.oldReferenced, files.notOurs])
      await utimes(path.join(uploadsDirectory(), name), twoHoursAgo, twoHoursAgo);
    await db().spaceUpdate.create({
      data: {
        spaceId: space.id,
        kind: "document",
        title: "Kept",
        fileName: "kept.pdf",
        fileKey: files.oldReferenced,
        fileSize: 1,
        fileType: "application/pdf",
        authorId: focalPoint.id,
        organisationId: organisation.id,
      },
    });

    expect(await sweepOrphanUploads()).toBe(1);
    const present = (name: string) => existsSync(path.join(uploadsDirectory(), name));
    expect(present(files.oldOrphan)).toBe(false);
    expect(present(files.oldReferenced)).toBe(true);
    expect(present(files.youngOrphan)).toBe(true);
    expect(present(files.notOurs)).toBe(true);
  });
});
