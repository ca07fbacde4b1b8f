import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/modules/authorization/can";
import { readConsultation } from "~/modules/consultations/access.server";
import { publicationConsequences } from "~/modules/consultations/consequences.server";
import { mayPublish } from "~/modules/consultations/lifecycle";
import { personalDataInReport } from "~/modules/consultations/report-findings.server";
import { feedbackReport, responseCoverage } from "~/modules/consultations/review-queries.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultationId = params.consultationId ?? "";
  const { actor, resource: consultation } = await readConsultation(request, consultationId);
  // Until the conveners publish it, the report exists only as their preview.
  const previewing =
    consultation.status === "closed" &&
    actor !== null &&
    can(actor, "consultation.publish-feedback", consultation);
  if (consultation.status !== "published" && !previewing) notFound();
  const [report, preview] = await Promise.all([
    feedbackReport(consultationId, new URL(request.url)),
    previewing ? publicationPreview(consultation) : null,
  ]);
  return listPageData({ ...report, preview }, report.links);
}

/**
 * What publishing will do, and whether it can be done yet: every input answered, and no personal data left in
 * the aggregated inputs or the responses (each finding listed, for the conveners to remove).
 */
async function publicationPreview(consultation: {
  consultationId: string;
  spaceId: string;
  audience: string;
  status: string;
}) {
  const [consequences, coverage, findings] = await Promise.all([
    publicationConsequences({ ...consultation, id: consultation.consultationId }),
    responseCoverage(consultation.consultationId),
    personalDataInReport(db(), consultation.consultationId),
  ]);
  return {
    ...consequences,
    unanswered: coverage.inputs - coverage.answered,
    findings,
    ready: mayPublish(consultation, coverage.inputs, coverage.answered) && findings.length === 0,
  };
}
