import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import type { RaiseConcernInput } from "./schema";

/**
 * Raises a concern on behalf of `organisationId` (checked by the route: "space.raise-concern" for that
 * organisation) and tells the conveners' members that it waits for their answer.
 */
export async function raiseConcern(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  input: Pick<RaiseConcernInput, "text" | "theme">,
) {
  return runCommand(async (tx, emit) => {
    const concern = await tx.concern.create({
      data: {
        spaceId: space.spaceId,
        organisationId,
        raisedById: actor.personId,
        text: input.text,
        theme: input.theme,
      },
      include: { space: { select: { title: true } }, organisation: { select: { name: true } } },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "space.concern-raised",
      subjectType: "concern",
      subjectId: concern.id,
      detail: { theme: concern.theme },
    });
    const conveners = await tx.membership.findMany({
      where: {
        personId: { not: actor.personId },
        organisation: {
          spaceParticipation: { some: { spaceId: space.spaceId, role: "convener", status: "active" } },
        },
      },
      select: { personId: true },
    });
    notify(emit, {
      personIds: conveners.map((member) => member.personId),
      spaceId: space.spaceId,
      message: "notifications.messages.concernRaised",
      values: { space: concern.space.title, organisation: concern.organisation.name },
      link: `/spaces/${space.spaceId}/concerns`,
    });
    emit("space.changed", { spaceId: space.spaceId, what: "concern" });
    return concern;
  });
}
