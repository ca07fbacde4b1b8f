import type { QuestionKind } from "~/modules/consultations/kinds";
import { countSubmittedVersion } from "~/modules/consultations/tallies.server";
import { db } from "~/utils/db.server";

/** Builders for consultations, shared by the tests and the demo data loader. */

const dayMs = 24 * 60 * 60 * 1000;

export type ConsultationOverrides = {
  title?: string;
  purpose?: string;
  openToChange?: string;
  notOpenToChange?: string;
  decision?: string;
  decisionMaker?: string;
  background?: string;
  languages?: string;
  audience?: "participants" | "chosen" | "public";
  /** The organisations of the "chosen" audience. */
  organisationIds?: string[];
  status?: "draft" | "open" | "closed" | "published";
  opensAt?: Date | null;
  closesAt?: Date;
  feedbackDueAt?: Date;
  openedAt?: Date | null;
  closedAt?: Date | null;
  publishedAt?: Date | null;
};

let sequence = 0;

/** A draft consultation in a space (closing in two weeks, feedback due 30 days later) unless overridden. */
export async function createConsultation(
  spaceId: string,
  createdById: string,
  overrides: ConsultationOverrides = {},
) {
  const n = ++sequence;
  const closesAt = overrides.closesAt ?? new Date(Date.now() + 14 * dayMs);
  return db().consultation.create({
    data: {
      spaceId,
      createdById,
      title: overrides.title ?? `Consultation ${n}`,
      purpose: overrides.purpose ?? "Hear from community organisations before the strategy is renewed.",
      openToChange: overrides.openToChange ?? "The priorities for the next three years.",
      notOpenToChange: overrides.notOpenToChange ?? "The overall budget.",
      decision: overrides.decision ?? "The settlement strategy 2026–2029.",
      decisionMaker: overrides.decisionMaker ?? "The partnership council",
      background: overrides.background ?? "",
      languages: overrides.languages ?? "en,fr",
      audience: overrides.audience ?? "participants",
      status: overrides.status ?? "draft",
      opensAt: overrides.opensAt ?? null,
      closesAt,
      feedbackDueAt: overrides.feedbackDueAt ?? new Date(closesAt.getTime() + 30 * dayMs),
      openedAt: overrides.openedAt ?? (overrides.status && overrides.status !== "draft" ? new Date() : null),
      closedAt: overrides.closedAt ?? null,
      publishedAt: overrides.publishedAt ?? null,
      audienceOrganisations: {
        create: (overrides.organisationIds ?? []).map((organisationId) => ({ organisationId })),
      },
    },
  });
}

const defaultOptions: Record<QuestionKind, unknown> = {
  short_text: [],
  long_text: [],
  single_choice: ["Yes", "No", "Not sure"],
  multiple_choice: ["Housing", "Employment", "Language classes"],
  rating: { min: 1, max: 5, minLabel: "Poor", maxLabel: "Excellent" },
  ranking: ["Housing", "Employment", "Health"],
  paragraph_comments: ["The partnership will meet every quarter.", "Each member names one delegate."],
};

/** A question at the end of a consultation's form; options default by kind (stored JSON, see modules/consultations/kinds/). */
export async function addQuestion(
  consultationId: string,
  kind: QuestionKind,
  overrides: { id?: string; prompt?: string; help?: string; required?: boolean; options?: unknown } = {},
) {
  const last = await db().consultationQuestion.aggregate({
    where: { consultationId },
    _max: { position: true },
  });
  return db().consultationQuestion.create({
    data: {
      id: overrides.id,
      consultationId,
      kind,
      position: (last._max.position ?? 0) + 1,
      prompt: overrides.prompt ?? `Question about ${kind.replace("_", " ")}`,
      help: overrides.help ?? "",
      required: overrides.required ?? false,
      options: JSON.stringify(overrides.options ?? defaultOptions[kind]),
    },
  });
}

/** Opens a consultation as the open command would, without notifying anyone. */
export async function openConsultation(consultationId: string) {
  return db().consultation.update({
    where: { id: consultationId },
    data: { status: "open", openedAt: new Date() },
  });
}

// ——— Submitted inputs (review engineer) ———

/** A submitted input of an organisation (aggregated community input if asked), with its first version kept. */
export async function createSubmittedInput(
  consultationId: string,
  organisationId: string,
  submittedById: string,
  answers: Record<string, unknown>,
  options: { isAggregated?: boolean; aggregatedNote?: string; themes?: string[]; submittedAt?: Date } = {},
) {
  const json = JSON.stringify(answers);
  const aggregatedNote = options.aggregatedNote ?? "";
  const submittedAt = options.submittedAt ?? new Date();
  const input = await db().submission.create({
    data: {
      consultationId,
      organisationId,
      isAggregated: options.isAggregated ?? false,
      aggregatedNote,
      answers: json,
      status: "submitted",
      version: 1,
      submittedAt,
      submittedById,
      themes: (options.themes ?? []).join(","),
      versions: { create: { version: 1, answers: json, aggregatedNote, submittedById, submittedAt } },
    },
  });
  await countSubmitted(input.id);
  return input;
}

/**
 * Counts an input written straight to the database in its consultation's results, as the submit command
 * does in its transaction: its latest version, in place of `previousVersion` if it had one.
 */
export function countSubmitted(submissionId: string, previousVersion = 0) {
  return db().$transaction((tx) => countSubmittedVersion(tx, submissionId, previousVersion));
}
