import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { organisationInputs } from "~/modules/consultations/review-queries.server";
import { membersOf, organisationForViewer } from "~/modules/organisations/queries.server";
import { countryName } from "~/modules/organisations/schema";
import { spacesOfOrganisation } from "~/modules/spaces/queries.server";
import { notFound } from "~/utils/errors";
import { resolveLanguage } from "~/utils/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await organisationForViewer(actor, params.organisationId ?? "");
  if (!organisation) notFound();
  const [members, spaces, consultationInputs, language] = await Promise.all([
    membersOf(actor, organisation),
    spacesOfOrganisation(actor, organisation.id),
    organisationInputs(actor, organisation.id),
    resolveLanguage(request, actor),
  ]);
  return {
    organisation: {
      ...organisation,
      countryName: countryName(organisation.country, language),
      // Only a rejected organisation (seen by its members and platform administrators) shows the reason.
      verificationNote: organisation.verificationStatus === "rejected" ? organisation.verificationNote : null,
      // A new name waiting for confirmation is for the organisation's members and platform administrators.
      requestedName: members ? organisation.requestedName : null,
    },
    members,
    spaces,
    consultationInputs,
    permissions: {
      editProfile: can(actor, "organisation.edit-profile", organisation),
      invite: can(actor, "organisation.invite", organisation),
      seePresence: can(actor, "organisation.see-presence", organisation),
    },
  };
}
