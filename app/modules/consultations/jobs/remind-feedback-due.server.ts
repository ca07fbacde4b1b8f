import { recordAudit } from "~/modules/audit/record.server";
import { notify } from "~/modules/notifications/notify.server";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import { defineJob } from "~/utils/jobs.server";

const dayMs = 24 * 60 * 60 * 1000;

/** A reminder is sent this long before the promised feedback date. */
export const feedbackDueSoonDays = 3;

export type FeedbackReminderKind = "due-soon" | "overdue";

const messageOf: Record<FeedbackReminderKind, string> = {
  "due-soon": "notifications.messages.feedbackDueSoon",
  overdue: "notifications.messages.feedbackOverdue",
};

/** A unique-key violation: another run (in this process or another) sent this reminder first. */
function isAlreadySent(error: unknown) {
  return Boolean(error && typeof error === "object" && (error as { code?: unknown }).code === "P2002");
}

/**
 * Sends one reminder of `kind` about one consultation to every member of the space's convening organisations,
 * unless it was sent before. The reminder's row is inserted before the notifications, in their transaction: a
 * run that comes second — later, or at the same moment in another process — fails on its key and sends
 * nothing. Returns how many people it notified, or null when the reminder was sent already (or the
 * consultation is no longer waiting for its feedback).
 */
async function sendReminder(consultationId: string, kind: FeedbackReminderKind): Promise<number | null> {
  try {
    return await runCommand(async (tx, emit) => {
      const consultation = await tx.consultation.findUnique({
        where: { id: consultationId },
        select: {
          id: true,
          spaceId: true,
          title: true,
          status: true,
          feedbackDueAt: true,
          space: { select: { title: true } },
        },
      });
      // Published (or gone) since the job listed it: nothing to remind.
      if (consultation?.status !== "closed") return null;
      const members = await tx.membership.findMany({
        where: {
          organisation: {
            spaceParticipation: {
              some: { spaceId: consultation.spaceId, role: "convener", status: "active" },
            },
          },
        },
        distinct: ["personId"],
        select: { personId: true },
      });
      const personIds = members.map((member) => member.personId);
      // The key that makes it once: a second insert of this consultation and kind fails, and sends nothing.
      await tx.consultationReminder.create({ data: { consultationId, kind, recipients: personIds.length } });
      await recordAudit(tx, {
        actorId: null,
        spaceId: consultation.spaceId,
        action: "consultation.feedback-reminder-sent",
        subjectType: "consultation",
        subjectId: consultation.id,
        detail: {
          kind,
          feedbackDueAt: consultation.feedbackDueAt.toISOString(),
          recipients: personIds.length,
        },
      });
      notify(emit, {
        personIds,
        spaceId: consultation.spaceId,
        message: messageOf[kind],
        values: { consultation: consultation.title, space: consultation.space.title },
        link: `/consultations/${consultation.id}/review`,
      });
      return personIds.length;
    });
  } catch (error) {
    if (isAlreadySent(error)) return null;
    throw error;
  }
}

/**
 * The consultations closed whose feedback report is not published and whose promised feedback date is near
 * (`due-soon`: within feedbackDueSoonDays) or past (`overdue`), without that reminder yet. A consultation first
 * seen past its date gets only the overdue one.
 */
async function consultationsToRemind(now: Date) {
  const soon = new Date(now.getTime() + feedbackDueSoonDays * dayMs);
  const [dueSoon, overdue] = await Promise.all([
    db().consultation.findMany({
      where: {
        status: "closed",
        feedbackDueAt: { gt: now, lte: soon },
        reminders: { none: { kind: { in: ["due-soon", "overdue"] } } },
      },
      select: { id: true },
      orderBy: { feedbackDueAt: "asc" },
    }),
    db().consultation.findMany({
      where: { status: "closed", feedbackDueAt: { lte: now }, reminders: { none: { kind: "overdue" } } },
      select: { id: true },
      orderBy: { feedbackDueAt: "asc" },
    }),
  ]);
  return [
    ...dueSoon.map(({ id }) => ({ id, kind: "due-soon" as const })),
    ...overdue.map(({ id }) => ({ id, kind: "overdue" as const })),
  ];
}

/** Reminds the conveners of the feedback they promised (the space's promise sets the date; ADR 0018). */
export async function remindFeedbackDue(now = new Date()) {
  let reminders = 0;
  let notified = 0;
  for (const { id, kind } of await consultationsToRemind(now)) {
    const sent = await sendReminder(id, kind);
    if (sent === null) continue;
    // A reminder to a space without convener members still counts as sent: it is not tried again.
    notified += sent;
    reminders += 1;
  }
  return { reminders, notified };
}

export const remindFeedbackDueJob = defineJob({
  name: "consultations.remind-feedback-due",
  everyMinutes: 15,
  run: (now) => remindFeedbackDue(now),
});
