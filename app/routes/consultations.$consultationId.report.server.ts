import type { LoaderFunctionArgs } from "@remix-run/node";
import { readConsultation } from "~/modules/consultations/access.server";
import { feedbackReport } from "~/modules/consultations/review-queries.server";
import { notFound } from "~/utils/errors";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultationId = params.consultationId ?? "";
  const { actor, resource: consultation } = await readConsultation(request, consultationId);
  // Until the conveners publish it, the report does not exist for anyone.
  if (consultation.status !== "published") notFound();
  const [{ publishedAt, ...report }, language] = await Promise.all([
    feedbackReport(consultationId, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  // Dates are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  return listPageData(
    {
      ...report,
      published: publishedAt ? date.format(publishedAt) : null,
      publishedDateTime: publishedAt?.toISOString() ?? null,
    },
    report.links,
  );
}
