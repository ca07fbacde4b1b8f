import type { LoaderFunctionArgs } from "@remix-run/node";
import { actionsCsv } from "~/modules/action-plans/exports.server";
import { planOf } from "~/modules/action-plans/queries.server";
import { requireActor } from "~/modules/auth/session.server";
import { exportFileName } from "~/modules/consultations/exports.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { attachmentDisposition } from "~/modules/updates/files.server";
import { notFound } from "~/utils/errors";

/** The plan's actions as CSV, for anyone who may read the plan (404 for everyone else, and without a plan). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.view");
  const plan = await planOf(space.spaceId);
  if (!plan) notFound();
  return new Response(actionsCsv(plan.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": attachmentDisposition(exportFileName(plan.title, "csv")),
      "Cache-Control": "private, no-store",
    },
  });
}
