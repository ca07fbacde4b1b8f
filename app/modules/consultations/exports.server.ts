import { Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { storedAnswers } from "./answers";
import { answerTextOf, parseQuestionOptions } from "./kinds";
import type { ResultsQuestion } from "./results.server";
import { splitThemes } from "./tallies.server";

/**
 * The conveners' exports of a consultation's submitted inputs (what was submitted: each input's latest
 * SubmissionVersion), streamed: the database is read one page of inputs at a time as the client takes the
 * bytes, so an export holds about one page in memory however many inputs there are, and a client that goes
 * away stops it.
 */

const exportPageSize = 500;

const exportSelect = {
  id: true,
  isAggregated: true,
  version: true,
  submittedAt: true,
  themes: true,
  organisation: { select: { id: true, name: true, type: true } },
  response: { select: { outcome: true, explanation: true, changeMade: true } },
  // What was submitted (the latest version), not the draft the organisation may be revising.
  versions: { orderBy: { version: "desc" }, take: 1, select: { answers: true, aggregatedNote: true } },
} satisfies Prisma.SubmissionSelect;

type ExportRow = Prisma.SubmissionGetPayload<{ select: typeof exportSelect }>;

/** The answers and aggregated note of an input's latest submitted version. */
function submittedVersion(row: ExportRow) {
  const latest = row.versions[0];
  return { answers: storedAnswers(latest?.answers ?? "{}"), aggregatedNote: latest?.aggregatedNote ?? "" };
}

/** Submitted inputs, 500 at a time in id order (keyset paging: each page costs the same). */
async function* submittedPages(consultationId: string): AsyncGenerator<ExportRow[]> {
  let after: string | undefined;
  for (;;) {
    const page = await db().submission.findMany({
      where: { consultationId, status: "submitted", ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: exportPageSize,
      select: exportSelect,
    });
    if (page.length > 0) yield page;
    if (page.length < exportPageSize) return;
    after = page.at(-1)!.id;
  }
}

/**
 * A byte stream that takes the next chunk from `chunks` each time the reader asks for more (pull), and stops
 * it when the reader cancels (the client went away).
 */
function pulledStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

const csvColumns = ["submission id", "organisation", "type", "aggregated", "version", "submitted at"];

/**
 * All submitted inputs as CSV (RFC 4180, by csv-stringify): a header row (submission id, organisation, type,
 * aggregated, version, submitted at, then one column per question, headed by its number and prompt), then one
 * row per input, each answer in the text form the review page shows. A byte order mark lets spreadsheet
 * programs read the file as UTF-8 (accents, Arabic); a cell a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading '.
 */
export function csvExport(consultationId: string, questions: ResultsQuestion[]): ReadableStream<Uint8Array> {
  const texts = questions.map((question) => ({ id: question.id, text: answerTextOf(question) }));
  async function* records() {
    yield [...csvColumns, ...questions.map((question, index) => `Q${index + 1}. ${question.prompt}`)];
    for await (const page of submittedPages(consultationId))
      for (const row of page) {
        const { answers } = submittedVersion(row);
        yield [
          row.id,
          row.organisation.name,
          row.organisation.type,
          row.isAggregated ? "yes" : "no",
          String(row.version),
          row.submittedAt?.toISOString() ?? "",
          ...texts.map(({ id, text }) => text(answers[id])),
        ];
      }
  }
  const csv = stringify({ bom: true, escape_formulas: true, record_delimiter: "windows" });
  // Piped, the records are read only as fast as the CSV is taken. An error (or the reader cancelling)
  // destroys both streams; the reader learns of it from `csv`, so there is nothing more to do with it here.
  pipeline(Readable.from(records()), csv, () => {});
  return pulledStream(csv);
}

/**
 * All submitted inputs as one JSON document: the consultation, its questions, then the inputs with their
 * answers (keyed by question id, in their stored shapes), themes and the response each got.
 */
export function jsonExport(
  consultation: { id: string; title: string; status: string; closesAt: Date; feedbackDueAt: Date },
  questions: ResultsQuestion[],
): ReadableStream<Uint8Array> {
  const head = JSON.stringify({
    consultation: {
      id: consultation.id,
      title: consultation.title,
      status: consultation.status,
      closesAt: consultation.closesAt.toISOString(),
      feedbackDueAt: consultation.feedbackDueAt.toISOString(),
    },
    questions: questions.map((question) => {
      const { kind, ...options } = parseQuestionOptions(question.kind, question.options);
      return { id: question.id, position: question.position, kind, prompt: question.prompt, ...options };
    }),
  });
  async function* chunks() {
    yield `${head.slice(0, -1)},"submissions":[`;
    let first = true;
    for await (const page of submittedPages(consultation.id)) {
      yield (
        (first ? "\n" : ",\n") +
        page
          .map((row) => {
            const { answers, aggregatedNote } = submittedVersion(row);
            return JSON.stringify({
              id: row.id,
              organisation: row.organisation,
              isAggregated: row.isAggregated,
              aggregatedNote,
              version: row.version,
              submittedAt: row.submittedAt?.toISOString() ?? null,
              themes: splitThemes(row.themes),
              answers,
              response: row.response,
            });
          })
          .join(",\n")
      );
      first = false;
    }
    yield "\n]}\n";
  }
  return pulledStream(chunks());
}

/** A file name for an export: the consultation's title in plain letters, and today's date. */
export function exportFileName(title: string, extension: "csv" | "json", now = new Date()) {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "consultation"}-${now.toISOString().slice(0, 10)}.${extension}`;
}
