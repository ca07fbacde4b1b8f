import type { Tx } from "~/utils/db.server";
import { noteKey } from "./answers";
import { answerTexts, findPersonalData, type PersonalDataFinding } from "./personal-data";

/** Where a finding is in the report: an aggregated input's answer (or note) as published, or a response. */
export type ReportFinding = PersonalDataFinding &
  (
    | {
        in: "input";
        submissionId: string;
        organisation: string;
        /** The question id, or the note key. */
        key: string;
        /** Where the question is, for the page: its prompt ("" for the note). */
        where: string;
        /** The paragraph of a comment answer ("" for a text answer or the note). */
        part: string;
      }
    | { in: "response"; responseId: string; organisation: string; field: "explanation" | "changeMade" }
  );

/** The texts of one answer with the part each is in (the paragraph of a comment, "" otherwise). */
function partsOf(kind: string, answer: unknown): [string, string][] {
  if (kind === "paragraph_comments" && answer && typeof answer === "object" && !Array.isArray(answer))
    return Object.entries(answer as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    );
  return answerTexts(kind, answer).map((text) => ["", text]);
}

/** The text of one part of an aggregated input's latest version, and how to write it back. */
export function readPart(
  answers: Record<string, unknown>,
  note: string,
  kind: string,
  key: string,
  part: string,
): string | null {
  if (key === noteKey) return note;
  const found = partsOf(kind, answers[key]).find(([name]) => name === part);
  return found ? found[1] : null;
}

/**
 * The personal data the report would show (issue 12): in every submitted aggregated input's published
 * version (answers and note) and in every response to a submitted input. Publishing is refused while any
 * remains; the conveners' preview lists them.
 */
export async function personalDataInReport(client: Tx, consultationId: string): Promise<ReportFinding[]> {
  const [questions, inputs, responses] = await Promise.all([
    client.consultationQuestion.findMany({
      where: { consultationId },
      orderBy: { position: "asc" },
      select: { id: true, kind: true, prompt: true },
    }),
    client.submission.findMany({
      where: { consultationId, status: "submitted", isAggregated: true },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        organisation: { select: { name: true } },
        versions: { orderBy: { version: "desc" }, take: 1, select: { answers: true, aggregatedNote: true } },
      },
    }),
    client.consultationResponse.findMany({
      where: { consultationId, submissions: { some: { status: "submitted" } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        explanation: true,
        changeMade: true,
        submissions: { take: 1, select: { organisation: { select: { name: true } } } },
      },
    }),
  ]);
  const found: ReportFinding[] = [];
  for (const input of inputs) {
    const latest = input.versions[0];
    if (!latest) continue;
    const answers = parseAnswers(latest.answers);
    const at = { in: "input" as const, submissionId: input.id, organisation: input.organisation.name };
    for (const finding of findPersonalData(latest.aggregatedNote))
      found.push({ ...finding, ...at, key: noteKey, where: "", part: "" });
    for (const question of questions)
      for (const [part, text] of partsOf(question.kind, answers[question.id]))
        for (const finding of findPersonalData(text))
          found.push({ ...finding, ...at, key: question.id, where: question.prompt, part });
  }
  for (const response of responses) {
    const organisation = response.submissions[0]?.organisation.name ?? "";
    for (const field of ["explanation", "changeMade"] as const)
      for (const finding of findPersonalData(response[field]))
        found.push({ ...finding, in: "response", responseId: response.id, organisation, field });
  }
  return found;
}

export function parseAnswers(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
