import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/modules/authorization/can";
import { readConsultation } from "~/modules/consultations/access.server";
import { publicationConsequences } from "~/modules/consultations/consequences.server";
import { mayPublish } from "~/modules/consultations/lifecycle";
import { feedbackReport, responseCoverage } from "~/modules/consultations/review-queries.server";
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

/** What publishing will do, and whether it can be done yet (every input answered). */
async function publicationPreview(consultation: {
  consultationId: string;
  spaceId: string;
  audience: string;
  status: string;
}) {
  const [consequences, coverage] = await Promise.all([
    publicationConsequences({ ...consultation, id: consultation.consultationId }),
    responseCoverage(consultation.consultationId),
  ]);
  return {
    ...consequences,
    unanswered: coverage.inputs - coverage.answered,
    ready: mayPublish(consultation, coverage.inputs, coverage.answered),
  };
}
