import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createConsultation } from "./consultation-factories";
import { createPerson, defaultTestPassword } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { Browserless, startTestServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const privateResponse = "private, no-store";

/** A space update with a small stored file, as the publishing form leaves it, and the participant's client. */
async function updateWithFile() {
  const { space, focalPoint, convener } = await createConvenedSpace();
  const { admin } = await createParticipantOrganisation(space.id, "INFORM");
  const fileKey = "cachingtestfile0000000000000000000000";
  const uploads = path.join(process.env.DATA_DIR ?? "", "uploads");
  await mkdir(uploads, { recursive: true });
  await writeFile(path.join(uploads, fileKey), "a,b\n1,2\n");
  const update = await db().spaceUpdate.create({
    data: {
      spaceId: space.id,
      kind: "document",
      title: "Minutes",
      fileName: "minutes.csv",
      fileKey,
      fileSize: 8,
      fileType: "text/csv",
      authorId: focalPoint.id,
      organisationId: convener.id,
    },
  });
  const client = await Browserless.signedIn(server.origin, admin.email);
  return {
    client,
    file: `/spaces/${space.id}/updates/${update.id}/file`,
    updates: `/spaces/${space.id}/updates`,
  };
}

describe("what browsers and proxies may keep", () => {
  it("keeps nothing served to a signed-in person: pages, their data, files and error pages", async () => {
    const { client, file, updates } = await updateWithFile();
    for (const pathname of [updates, `${updates}.data`, "/settings/sessions", file, "/no-such-page"]) {
      const response = await client.get(pathname);
      expect(response.status, pathname).toBeLessThan(500);
      expect(response.headers.get("Cache-Control"), pathname).toBe(privateResponse);
    }
  });

  it("keeps nothing of a signed-in page once the person signs out, so Back shows no private page", async () => {
    const person = await createPerson();
    const client = new Browserless(server.origin);
    const signedIn = await client.post("/login", { email: person.email, password: defaultTestPassword });
    expect(signedIn.headers.get("Cache-Control")).toBe(privateResponse);
    expect((await client.get("/settings/sessions")).headers.get("Cache-Control")).toBe(privateResponse);
    const signedOut = await client.post("/logout", {});
    expect(signedOut.headers.get("Cache-Control")).toBe(privateResponse);
    expect((await client.get("/settings/sessions")).headers.get("Location")).toMatch(/^\/login\?/);
  });

  it("lets public pages be kept only if checked again, and build assets for good", async () => {
    const { space, focalPoint } = await createConvenedSpace();
    const consultation = await createConsultation(space.id, focalPoint.id, {
      audience: "public",
      status: "open",
    });
    const visitor = new Browserless(server.origin);
    for (const pathname of ["/login", `/consultations/${consultation.id}`]) {
      const response = await visitor.get(pathname);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("Cache-Control"), pathname).toBe("no-cache");
    }
    const asset = (await readdir(path.resolve("public/build"))).find((name) => name.endsWith(".js"));
    const built = await visitor.get(`/build/${asset}`);
    expect(built.status).toBe(200);
    expect(built.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  });
});

describe("static files", () => {
  it("carry the security headers that pages carry", async () => {
    const asset = (await readdir(path.resolve("public/build"))).find((name) => name.endsWith(".js"));
    for (const pathname of ["/favicon.svg", `/build/${asset}`]) {
      const response = await fetch(new URL(pathname, server.origin));
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("X-Content-Type-Options"), pathname).toBe("nosniff");
      expect(response.headers.get("Content-Security-Policy"), pathname).toContain("default-src 'self'");
      expect(response.headers.get("X-Frame-Options"), pathname).toBe("DENY");
    }
  });

  it("leave each page its own script nonce", async () => {
    const pages = await Promise.all([
      fetch(new URL("/login", server.origin)),
      fetch(new URL("/login", server.origin)),
    ]);
    const nonces = await Promise.all(
      pages.map(async (response) => {
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")?.[1];
        expect(nonce).toBeTruthy();
        expect(await response.text()).toContain(`nonce="${nonce}"`);
        return nonce;
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
