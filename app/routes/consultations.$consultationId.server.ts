import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/modules/authorization/can";
import { readConsultation } from "~/modules/consultations/access.server";
import { consultationRules, type ConsultationAction } from "~/modules/consultations/policy";
import { feedbackLoop } from "~/modules/consultations/lifecycle";
import { consultationHeader, hasOwnInput } from "~/modules/consultations/queries.server";

/**
 * The layout of every consultation page: the header, and the tabs the viewer may open (`may`: can() for
 * the consultation's actions). A consultation one may not see answers 404; a visitor
 * without an account reads a public one (see readConsultation) and is invited to sign in to take part.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, resource } = await readConsultation(request, params.consultationId ?? "");
  const [header, ownInput] = await Promise.all([
    consultationHeader(resource.consultationId),
    hasOwnInput(
      resource.consultationId,
      resource.actorOrganisations.map((organisation) => organisation.organisationId),
    ),
  ]);
  const may = Object.fromEntries(
    (Object.keys(consultationRules) as ConsultationAction[]).map((action) => [
      action,
      can(actor, action, resource),
    ]),
  ) as Record<ConsultationAction, boolean>;
  return {
    consultation: {
      id: header.id,
      title: header.title,
      status: header.status,
      space: header.space,
      opensAt: header.opensAt,
      closesAt: header.closesAt,
      feedbackDueAt: header.feedbackDueAt,
      overdue: feedbackLoop(header, 0, 0).overdue,
    },
    may,
    ownInput,
    signedIn: actor !== null,
    // A public consultation is read by people outside its space: they get no link to it.
    maySeeSpace: can(actor, "space.view", resource.space),
  };
}
