import { describe, expect, it } from "vitest";
import {
  acceptsInput,
  canMoveTo,
  consultationStatuses,
  feedbackLoop,
  mayPublish,
  questionsLocked,
  type ConsultationStatus,
} from "~/modules/consultations/lifecycle";

const day = 24 * 60 * 60 * 1000;
const now = new Date("2025-06-15T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * day);

describe("the consultation lifecycle", () => {
  const allowed: [ConsultationStatus, ConsultationStatus][] = [
    ["draft", "open"],
    ["open", "closed"],
    ["closed", "published"],
  ];
  const pairs = consultationStatuses.flatMap((from) => consultationStatuses.map((to) => [from, to] as const));

  it.each(allowed)("allows %s → %s", (from, to) => {
    expect(canMoveTo(from, to)).toBe(true);
  });

  it.each(pairs.filter(([from, to]) => !allowed.some(([a, b]) => a === from && b === to)))(
    "refuses %s → %s",
    (from, to) => {
      expect(canMoveTo(from, to)).toBe(false);
    },
  );

  it("checks all 16 pairs: 3 allowed, 13 refused", () => {
    expect(pairs).toHaveLength(16);
    expect(pairs.filter(([from, to]) => canMoveTo(from, to))).toHaveLength(3);
  });

  it("accepts input only while open and before the closing time", () => {
    const closesAt = new Date(now.getTime() + day);
    expect(acceptsInput({ status: "open", closesAt }, now)).toBe(true);
    expect(acceptsInput({ status: "open", closesAt: daysAgo(1) }, now)).toBe(false);
    expect(acceptsInput({ status: "open", closesAt: now }, now)).toBe(false);
    for (const status of ["draft", "closed", "published"])
      expect(acceptsInput({ status, closesAt }, now)).toBe(false);
  });

  it("locks the questions once opened or once the first input arrived", () => {
    expect(questionsLocked({ status: "draft" }, 0)).toBe(false);
    expect(questionsLocked({ status: "draft" }, 1)).toBe(true);
    for (const status of ["open", "closed", "published"]) expect(questionsLocked({ status }, 0)).toBe(true);
  });
});

describe("the feedback loop", () => {
  const closed = (closedDaysAgo: number, dueDaysAgo: number, status = "closed") => ({
    status,
    closedAt: daysAgo(closedDaysAgo),
    feedbackDueAt: daysAgo(dueDaysAgo),
  });

  it("counts coverage as the share of inputs answered, rounded down, 100 only when all are answered", () => {
    expect(feedbackLoop(closed(1, -10), 3, 0, now).coverage).toBe(0);
    expect(feedbackLoop(closed(1, -10), 3, 1, now).coverage).toBe(33);
    expect(feedbackLoop(closed(1, -10), 3, 2, now).coverage).toBe(66);
    expect(feedbackLoop(closed(1, -10), 200, 199, now).coverage).toBe(99);
    expect(feedbackLoop(closed(1, -10), 3, 3, now).coverage).toBe(100);
  });

  it("treats a consultation with no input as fully covered", () => {
    const loop = feedbackLoop(closed(2, -5), 0, 0, now);
    expect(loop).toMatchObject({ inputs: 0, answered: 0, coverage: 100, overdue: false });
  });

  it("counts whole days since closing, none before closing", () => {
    expect(feedbackLoop(closed(0, -30), 1, 0, now).daysSinceClosing).toBe(0);
    expect(feedbackLoop(closed(12, -30), 1, 0, now).daysSinceClosing).toBe(12);
    expect(
      feedbackLoop({ status: "open", closedAt: null, feedbackDueAt: daysAgo(-30) }, 1, 0, now)
        .daysSinceClosing,
    ).toBeNull();
  });

  it("is overdue once the promised date has passed without the feedback being published", () => {
    expect(feedbackLoop(closed(40, 10), 4, 2, now).overdue).toBe(true);
    expect(feedbackLoop(closed(40, 10), 0, 0, now).overdue).toBe(true);
    expect(feedbackLoop(closed(20, -10), 4, 2, now).overdue).toBe(false);
    expect(feedbackLoop(closed(40, 10, "published"), 4, 4, now).overdue).toBe(false);
    expect(
      feedbackLoop({ status: "draft", closedAt: null, feedbackDueAt: daysAgo(1) }, 0, 0, now).overdue,
    ).toBe(false);
    expect(
      feedbackLoop({ status: "open", closedAt: null, feedbackDueAt: daysAgo(1) }, 2, 0, now).overdue,
    ).toBe(true);
  });
});

describe("the publish rule", () => {
  it("publishes only a closed consultation whose every input has a response", () => {
    expect(mayPublish({ status: "closed" }, 5, 5)).toBe(true);
    expect(mayPublish({ status: "closed" }, 0, 0)).toBe(true);
    expect(mayPublish({ status: "closed" }, 5, 4)).toBe(false);
    expect(mayPublish({ status: "closed" }, 1, 0)).toBe(false);
    for (const status of ["draft", "open", "published"]) expect(mayPublish({ status }, 2, 2)).toBe(false);
  });
});
