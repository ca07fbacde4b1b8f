// Background jobs (ADR 0018) on the suite's database: the feedback-due reminders, and the queue of this database
// (pg-boss with CONCORD_TEST_DATABASE=postgres, the in-process timer on SQLite) running the registered jobs.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindFeedbackDue } from "~/modules/consultations/jobs/remind-feedback-due.server";
import { db } from "~/utils/db.server";
import { jobSchema, registeredJobs, startJobQueue, type JobQueue } from "../server/jobs";
import { createConsultation } from "./consultation-factories";
import { addMember, createPerson } from "../prisma/factories/people";
import { createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";
import { testsUsePostgres } from "./support/postgres";

const dayMs = 24 * 60 * 60 * 1000;
const dueSoon = "notifications.messages.feedbackDueSoon";
const overdue = "notifications.messages.feedbackOverdue";

/** A space whose convening organisation has two members, with a participant organisation that must hear nothing. */
async function convenedSpace() {
  const { space, convener, focalPoint } = await createConvenedSpace();
  const colleague = await createPerson({ name: "Colleague" });
  await addMember(colleague.id, convener.id);
  const { admin: participant } = await createParticipantOrganisation(space.id, "CONSULT");
  return { space, conveners: [focalPoint, colleague], participant, focalPoint };
}

/** A consultation closed five days before `now`, its feedback due `dueInDays` after `now`. */
function closedConsultation(spaceId: string, createdById: string, now: Date, dueInDays: number) {
  const closedAt = new Date(now.getTime() - 5 * dayMs);
  return createConsultation(spaceId, createdById, {
    status: "closed",
    closesAt: closedAt,
    closedAt,
    feedbackDueAt: new Date(now.getTime() + dueInDays * dayMs),
  });
}

/** The reminder notifications about `consultationId`, as "<person> <message>" lines, sorted. */
async function remindersAbout(consultationId: string) {
  const rows = await db().notification.findMany({
    where: { link: `/consultations/${consultationId}/review` },
    select: { personId: true, message: true },
  });
  return rows.map((row) => `${row.personId} ${row.message}`).sort();
}

const lines = (people: { id: string }[], message: string) =>
  people.map((person) => `${person.id} ${message}`);

describe("feedback-due reminders", () => {
  it("tell the convening organisation's members once when feedback is near, and once more when it is late", async () => {
    const now = new Date();
    const { space, conveners, participant, focalPoint } = await convenedSpace();
    const consultation = await closedConsultation(space.id, focalPoint.id, now, 2);

    // Other files' consultations share this database: the run's counts include theirs.
    const run = await remindFeedbackDue(now);
    expect(run.reminders).toBeGreaterThanOrEqual(1);
    expect(run.notified).toBeGreaterThanOrEqual(2);
    const soon = await remindersAbout(consultation.id);
    expect(soon).toEqual(lines(conveners, dueSoon).sort());
    expect(soon.some((line) => line.startsWith(participant.id))).toBe(false);
    const notification = await db().notification.findFirstOrThrow({
      where: { personId: focalPoint.id, link: `/consultations/${consultation.id}/review` },
    });
    expect(JSON.parse(notification.values)).toEqual({ consultation: consultation.title, space: space.title });

    // Running again, an hour later, sends nothing.
    await remindFeedbackDue(new Date(now.getTime() + 60 * 60 * 1000));
    expect(await remindersAbout(consultation.id)).toEqual(soon);

    // Past the promised date: the overdue reminder, once.
    const late = new Date(now.getTime() + 3 * dayMs);
    await remindFeedbackDue(late);
    await remindFeedbackDue(late);
    expect(await remindersAbout(consultation.id)).toEqual(
      [...lines(conveners, dueSoon), ...lines(conveners, overdue)].sort(),
    );
    const audit = await db().auditEvent.findMany({
      where: { subjectId: consultation.id, action: "consultation.feedback-reminder-sent" },
      select: { actorId: true, detail: true },
    });
    expect(audit.map((event) => JSON.parse(event.detail).kind).sort()).toEqual(["due-soon", "overdue"]);
    expect(audit.every((event) => event.actorId === null)).toBe(true);
  });

  it("send only the overdue reminder about a consultation first seen late, and none about the others", async () => {
    const now = new Date();
    const { space, conveners, focalPoint } = await convenedSpace();
    const late = await closedConsultation(space.id, focalPoint.id, now, -1);
    const farOff = await closedConsultation(space.id, focalPoint.id, now, 10);
    const published = await createConsultation(space.id, focalPoint.id, {
      status: "published",
      closedAt: new Date(now.getTime() - 9 * dayMs),
      publishedAt: new Date(now.getTime() - 2 * dayMs),
      closesAt: new Date(now.getTime() - 9 * dayMs),
      feedbackDueAt: new Date(now.getTime() - dayMs),
    });
    const stillOpen = await createConsultation(space.id, focalPoint.id, {
      status: "open",
      closesAt: new Date(now.getTime() + dayMs),
      feedbackDueAt: new Date(now.getTime() + 2 * dayMs),
    });

    await remindFeedbackDue(now);
    expect(await remindersAbout(late.id)).toEqual(lines(conveners, overdue).sort());
    for (const quiet of [farOff, published, stillOpen]) expect(await remindersAbout(quiet.id)).toEqual([]);
    // Later, when it is near, the far-off one has its reminder.
    await remindFeedbackDue(new Date(now.getTime() + 8 * dayMs));
    expect(await remindersAbout(farOff.id)).toEqual(lines(conveners, dueSoon).sort());
  });

  it("send a reminder once when two runs meet", async () => {
    const now = new Date();
    const { space, conveners, focalPoint } = await convenedSpace();
    const consultation = await closedConsultation(space.id, focalPoint.id, now, -2);
    await Promise.all([remindFeedbackDue(now), remindFeedbackDue(now), remindFeedbackDue(now)]);
    expect(await remindersAbout(consultation.id)).toEqual(lines(conveners, overdue).sort());
    expect(
      await db().consultationReminder.findMany({
        where: { consultationId: consultation.id },
        select: { kind: true, recipients: true },
      }),
    ).toEqual([{ kind: "overdue", recipients: conveners.length }]);
  });
});

describe("the job queue of this database", () => {
  let queue: JobQueue;

  beforeAll(async () => {
    queue = await startJobQueue({
      databaseUrl: process.env.DATABASE_URL!,
      logger: pino({ level: "silent" }),
    });
  });
  afterAll(async () => {
    await queue?.stop();
  });

  it("is pg-boss on PostgreSQL and the in-process timer on SQLite, with every job scheduled", async () => {
    expect(queue.kind).toBe(testsUsePostgres() ? "pg-boss" : "in-process");
    if (!testsUsePostgres()) return;
    const schedules = await db().$queryRawUnsafe<{ name: string; cron: string }[]>(
      `SELECT name, cron FROM ${jobSchema}.schedule ORDER BY name`,
    );
    expect(schedules).toEqual(
      registeredJobs
        .map((job) => ({ name: job.name, cron: `*/${job.everyMinutes} * * * *` }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("runs the reminders through the queue: one notification per convener member", async () => {
    const now = new Date();
    const { space, conveners, focalPoint } = await convenedSpace();
    const consultation = await closedConsultation(space.id, focalPoint.id, now, -1);
    const outputs = await Promise.all([
      queue.runNow("consultations.remind-feedback-due"),
      queue.runNow("consultations.remind-feedback-due"),
    ]);
    expect(outputs.map((output) => typeof output.reminders)).toEqual(["number", "number"]);
    expect(await remindersAbout(consultation.id)).toEqual(lines(conveners, overdue).sort());
  });

  it("runs the uploads sweep through the queue: an old file no update points to goes", async () => {
    const uploads = path.join(process.env.DATA_DIR!, "uploads");
    await mkdir(uploads, { recursive: true });
    const orphan = path.join(uploads, randomBytes(24).toString("base64url"));
    await writeFile(orphan, "left behind");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(orphan, twoHoursAgo, twoHoursAgo);
    const output = await queue.runNow("updates.sweep-orphan-uploads");
    expect(existsSync(orphan)).toBe(false);
    expect(typeof output.removed).toBe("number");
  });
});
