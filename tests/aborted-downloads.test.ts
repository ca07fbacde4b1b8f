import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createConvenedSpace } from "../prisma/factories/spaces";
import { startConcordProcess, type RunningConcord } from "./support/process";
import { Browserless } from "./support/server";

// A real Concord process on this worker's database: an error nobody handles would end it, as in production.
const dataDir = mkdtempSync(path.join(tmpdir(), "concord-aborts-"));
let concord: RunningConcord;

beforeAll(async () => {
  concord = await startConcordProcess(dataDir, {
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    DEMO_DATA: "false",
    LOG_LEVEL: "warn",
  });
});
afterAll(async () => {
  if (concord.child.exitCode === null) {
    concord.child.kill("SIGTERM");
    await concord.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** An update carrying a file of this many random bytes, stored where the process keeps its uploads. */
async function updateWithFile(spaceId: string, authorId: string, organisationId: string, bytes: number) {
  const key = randomBytes(24).toString("base64url");
  mkdirSync(path.join(dataDir, "uploads"), { recursive: true });
  writeFileSync(path.join(dataDir, "uploads", key), randomBytes(bytes));
  return db().spaceUpdate.create({
    data: {
      spaceId,
      kind: "document",
      title: `A document of ${bytes} bytes`,
      fileName: "report.pdf",
      fileKey: key,
      fileSize: bytes,
      fileType: "application/pdf",
      authorId,
      organisationId,
    },
  });
}

/** A consultation with 600 long submitted inputs, so that both exports take several pages and chunks. */
async function consultationWithInputs(spaceId: string, createdById: string) {
  const consultation = await db().consultation.create({
    data: {
      spaceId,
      title: "Settlement strategy",
      purpose: "What should change?",
      status: "closed",
      closesAt: new Date(),
      closedAt: new Date(),
      feedbackDueAt: new Date(Date.now() + 86_400_000),
      createdById,
      questions: {
        create: { position: 1, kind: "long_text", prompt: "What goes wrong today?", options: "[]" },
      },
    },
    include: { questions: true },
  });
  const questionId = consultation.questions[0]!.id;
  const indexes = Array.from({ length: 600 }, (_, index) => index);
  const prefix = consultation.id;
  await db().organisation.createMany({
    data: indexes.map((index) => ({
      id: `${prefix}-organisation-${index}`,
      name: `Partner ${index}`,
      type: "cso",
      governanceLevel: "local",
      place: "Ottawa",
      country: "CA",
      verificationStatus: "verified",
      contactName: "Contact",
      contactEmail: `partner${index}@example.org`,
    })),
  });
  const answers = JSON.stringify({ [questionId]: "Waiting lists for language classes. ".repeat(60) });
  await db().submission.createMany({
    data: indexes.map((index) => ({
      id: `${prefix}-input-${index}`,
      consultationId: consultation.id,
      organisationId: `${prefix}-organisation-${index}`,
      answers,
      status: "submitted",
      version: 1,
      submittedAt: new Date(),
      submittedById: createdById,
    })),
  });
  await db().submissionVersion.createMany({
    data: indexes.map((index) => ({
      submissionId: `${prefix}-input-${index}`,
      version: 1,
      answers,
      submittedById: createdById,
    })),
  });
  return consultation;
}

type Outcome = { status: number; bytes: number };

/**
 * A GET on its own connection, as node:http does it. `stopAfter: "first-chunk"` destroys the socket as soon as
 * the first bytes of the body arrive (a person cancelling a download); "headers" as soon as the status line
 * and headers do; "end" reads the whole body.
 */
function download(
  url: string,
  headers: Record<string, string>,
  stopAfter: "headers" | "first-chunk" | "end",
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      let bytes = 0;
      if (stopAfter === "headers") {
        request.destroy();
        resolve({ status, bytes });
        return;
      }
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (stopAfter === "first-chunk") {
          request.destroy();
          resolve({ status, bytes });
        }
      });
      response.on("end", () => resolve({ status, bytes }));
    });
    request.on("error", (error) => {
      if (!request.destroyed || stopAfter === "end") reject(error);
    });
  });
}

/** Runs the downloads a few at a time, as several people would. */
async function inParallel<T>(count: number, run: (index: number) => Promise<T>, width = 8): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width)
    results.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(width, count - start) }, (_, offset) => run(start + offset)),
      )),
    );
  return results;
}

describe("downloads that the client abandons", () => {
  it("keep the server serving: 100 aborted file downloads, aborted exports and pages, Connection: close", async () => {
    const { space, convener, focalPoint } = await createConvenedSpace();
    const big = await updateWithFile(space.id, focalPoint.id, convener.id, 4 * 1024 * 1024);
    const small = await updateWithFile(space.id, focalPoint.id, convener.id, 700);
    const consultation = await consultationWithInputs(space.id, focalPoint.id);
    const client = await Browserless.signedIn(concord.origin, focalPoint.email);
    const headers = { Cookie: client.cookieHeader() };
    const url = (pathname: string) => new URL(pathname, concord.origin).href;
    const bigFile = url(`/spaces/${space.id}/updates/${big.id}/file`);
    const smallFile = url(`/spaces/${space.id}/updates/${small.id}/file`);

    const aborted = [
      ...(await inParallel(100, () => download(bigFile, headers, "first-chunk"))),
      ...(await inParallel(20, () =>
        download(url(`/consultations/${consultation.id}/export.csv`), headers, "first-chunk"),
      )),
      ...(await inParallel(20, () =>
        download(url(`/consultations/${consultation.id}/export.json`), headers, "first-chunk"),
      )),
      ...(await inParallel(20, () => download(url(`/spaces/${space.id}`), headers, "first-chunk"))),
      ...(await inParallel(20, () => download(smallFile, { ...headers, Connection: "close" }, "headers"))),
    ];
    expect(aborted).toHaveLength(180);
    expect(aborted.every((outcome) => outcome.status === 200)).toBe(true);
    expect(aborted.filter((outcome) => outcome.bytes > 0)).toHaveLength(160);

    const whole = await inParallel(20, () => download(smallFile, { ...headers, Connection: "close" }, "end"));
    expect(whole.every((outcome) => outcome.status === 200 && outcome.bytes === 700)).toBe(true);

    const health = await fetch(url("/healthz"));
    expect(health.status, concord.output()).toBe(200);
    expect(concord.child.exitCode).toBeNull();
    // Nothing reached the last-resort handler (server/process-guard.ts) either: the streams handled their ends.
    expect(concord.output()).not.toContain("no code handled");
  });
});
