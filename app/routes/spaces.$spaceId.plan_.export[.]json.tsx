import type { LoaderFunctionArgs } from "@remix-run/node";
import { planJson } from "~/modules/action-plans/exports.server";
import { planOf } from "~/modules/action-plans/queries.server";
import { requireActor } from "~/modules/auth/session.server";
import { exportFileName } from "~/modules/consultations/exports.server";
import { requireSpace } from "~/modules/spaces/access.server";
import { attachmentDisposition } from "~/modules/updates/files.server";
import { notFound } from "~/utils/errors";

/** The whole plan as JSON, for anyone who may read the plan (404 for everyone else, and without a plan). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "plan.view");
  const plan = await planOf(space.spaceId);
  if (!plan) notFound();
  return new Response(planJson(plan.id), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition(exportFileName(plan.title, "json")),
      "Cache-Control": "private, no-store",
    },
  });
}
