import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { jsonExport, exportFileName } from "~/modules/consultations/exports.server";
import { requireResults, resultsQuestions } from "~/modules/consultations/results.server";
import { attachmentDisposition } from "~/modules/updates/files.server";

/** Every submitted input as one JSON document, streamed, for the conveners (404 for everyone else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const consultation = await requireResults(actor, params.consultationId ?? "");
  const questions = await resultsQuestions(consultation.id);
  return new Response(jsonExport(consultation, questions), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition(exportFileName(consultation.title, "json")),
      "Cache-Control": "private, no-store",
    },
  });
}
