/** A consultation's lifecycle: draft → open → closed → feedback published. Nothing else is allowed. */
export const consultationStatuses = ["draft", "open", "closed", "published"] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

const next: Record<ConsultationStatus, ConsultationStatus | null> = {
  draft: "open",
  open: "closed",
  closed: "published",
  published: null,
};

export function canMoveTo(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return next[from] === to;
}

export function isConsultationStatus(value: unknown): value is ConsultationStatus {
  return typeof value === "string" && (consultationStatuses as readonly string[]).includes(value);
}

/** Inputs may be drafted and submitted only while the consultation is open and before it closes. */
export function acceptsInput(consultation: { status: string; closesAt: Date }, now = new Date()): boolean {
  return consultation.status === "open" && consultation.closesAt.getTime() > now.getTime();
}

/** Questions are locked once the first submission has arrived. */
export function questionsLocked(consultation: { status: string }, submittedCount: number): boolean {
  return consultation.status !== "draft" || submittedCount > 0;
}

export type FeedbackLoop = {
  inputs: number;
  answered: number;
  /** Share of inputs with a response, 0–100, rounded down (100 only when every input is answered). */
  coverage: number;
  daysSinceClosing: number | null;
  overdue: boolean;
};

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The state of the feedback loop: how many inputs got a response, how long ago the consultation closed,
 * and whether the promised feedback date has passed without the feedback being published.
 */
export function feedbackLoop(
  consultation: { status: string; closedAt: Date | null; feedbackDueAt: Date },
  inputs: number,
  answered: number,
  now = new Date(),
): FeedbackLoop {
  const coverage = inputs === 0 ? 100 : Math.floor((answered / inputs) * 100);
  return {
    inputs,
    answered,
    coverage,
    daysSinceClosing: consultation.closedAt
      ? Math.max(0, Math.floor((now.getTime() - consultation.closedAt.getTime()) / dayMs))
      : null,
    overdue:
      consultation.status !== "published" &&
      consultation.status !== "draft" &&
      now > consultation.feedbackDueAt,
  };
}

/** The feedback report can be published only when every submitted input has a response. */
export function mayPublish(consultation: { status: string }, inputs: number, answered: number): boolean {
  return consultation.status === "closed" && answered === inputs;
}
