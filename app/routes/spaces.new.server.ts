import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { createSpace } from "~/modules/spaces/create-space.server";
import { conveningOrganisation, parentCandidates } from "~/modules/spaces/queries.server";
import { createSpaceSchema } from "~/modules/spaces/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await convener(request, actor);
  return { organisationName: organisation.name, candidates: await parentCandidates(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await convener(request, actor);
  const submission = parseWithZod(await readForm(request), { schema: createSpaceSchema });
  if (submission.status !== "success") return submission.reply();
  const language = await resolveLanguage(request, actor);
  const result = await attempt(submission, () =>
    createSpace(actor, organisation, submission.value, language),
  );
  if (!result.ok) return result.reply;
  return redirectWithToast(`/spaces/${result.value.id}`, {
    kind: "success",
    message: "spaces.new.created",
    values: { title: submission.value.title },
  });
}

/** The person's current organisation, when it may convene spaces; anyone else finds no such page. */
async function convener(request: Request, actor: Actor) {
  const organisation = await conveningOrganisation(await currentOrganisationId(request, actor));
  if (!organisation || !can(actor, "space.create", organisation)) notFound();
  return organisation;
}
