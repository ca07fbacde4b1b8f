import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { organisationForViewer } from "~/modules/organisations/queries.server";
import { countryOptions, organisationProfileSchema } from "~/modules/organisations/schema";
import { updateOrganisationProfile } from "~/modules/organisations/update-profile.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await editableOrganisation(actor, params.organisationId);
  const { name, requestedName, place, country, website, description, contactName, contactEmail } =
    organisation;
  return {
    organisationId: organisation.id,
    // The form holds the name the organisation wants: a new one waiting for confirmation stays asked for.
    profile: {
      name: requestedName ?? name,
      place,
      country,
      website: website ?? "",
      description,
      contactName,
      contactEmail,
    },
    nameNeedsConfirmation: organisation.verificationStatus === "verified",
    countries: countryOptions(await resolveLanguage(request, actor)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await editableOrganisation(actor, params.organisationId);
  const submission = parseWithZod(await readForm(request), { schema: organisationProfileSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () =>
    updateOrganisationProfile(actor, organisation, submission.value),
  );
  if (!result.ok) return result.reply;
  const { changed, renameRequested } = result.value;
  return redirectWithToast(`/organisations/${organisation.id}`, {
    kind: "success",
    message: renameRequested
      ? "organisations.edit.renameRequested"
      : changed.length > 0
        ? "organisations.edit.saved"
        : "organisations.edit.unchanged",
  });
}

async function editableOrganisation(actor: Actor, organisationId: string | undefined) {
  const organisation = await organisationForViewer(actor, organisationId ?? "");
  if (!organisation || !can(actor, "organisation.edit-profile", organisation)) notFound();
  return organisation;
}
