import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireActor } from "~/modules/auth/session.server";
import { currentOrganisationCookie } from "~/utils/current-organisation.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

const switchSchema = z.object({
  organisationId: z.string().max(100),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = switchSchema.safeParse(Object.fromEntries(await readForm(request)));
  const membership =
    parsed.success &&
    actor.memberships.find((candidate) => candidate.organisationId === parsed.data.organisationId);
  if (!parsed.success || !membership) {
    return redirectWithToast("/", { kind: "error", message: "common.organisationSwitcher.unknown" });
  }
  return redirectWithToast(
    safeRedirectPath(parsed.data.redirectTo),
    {
      kind: "info",
      message: "common.organisationSwitcher.switched",
      values: { name: membership.organisationName },
    },
    { headers: { "Set-Cookie": await currentOrganisationCookie.serialize(membership.organisationId) } },
  );
}
