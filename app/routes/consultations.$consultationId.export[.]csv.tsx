import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { csvExport, exportFileName } from "~/modules/consultations/exports.server";
import { requireResults, resultsQuestions } from "~/modules/consultations/results.server";
import { attachmentDisposition } from "~/modules/updates/files.server";

/** Every submitted input as CSV, streamed 500 inputs at a time, for the conveners (404 for everyone else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireResults(actor, params.consultationId ?? "");
  const questions = await resultsQuestions(consultation.id);
  return new Response(csvExport(consultation.id, questions), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": attachmentDisposition(exportFileName(consultation.title, "csv")),
      "Cache-Control": "private, no-store",
    },
  });
}
