import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { consultationToDraftIn } from "~/modules/consultations/policy";
import { requireSpace } from "~/modules/spaces/access.server";
import { spaceConsultationPage } from "~/modules/spaces/consultations.server";
import { listPageData } from "~/utils/keyset.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.read-updates");
  const mayCreate = can(actor, "consultation.build", consultationToDraftIn(space));
  const list = await spaceConsultationPage(space.spaceId, new URL(request.url), { includeDrafts: mayCreate });
  return listPageData(
    {
      spaceId: space.spaceId,
      mayCreate,
      pages: list.links,
      consultations: list.consultations.map((consultation) => ({
        id: consultation.id,
        title: consultation.title,
        status: consultation.status,
        closesAt: consultation.closesAt,
        feedbackDueAt: consultation.feedbackDueAt,
        loop: consultation.loop,
      })),
    },
    list.links,
  );
}
