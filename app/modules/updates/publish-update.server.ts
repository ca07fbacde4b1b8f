import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import { actingConvener } from "~/modules/spaces/access.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import type { StoredFile } from "./files.server";
import type { UpdateFields } from "./schema";

/**
 * Publishes an update to a space on behalf of a convening organisation (the person's current one when it
 * convenes), and notifies every member of the space's active organisations.
 */
export async function publishUpdate(
  actor: Actor,
  space: SpaceResource,
  input: UpdateFields & { file: StoredFile | null; preferredOrganisationId: string | null },
) {
  const organisationId = actingConvener(actor, "space.publish-update", space, input.preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const update = await tx.spaceUpdate.create({
      data: {
        spaceId: space.spaceId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        linkUrl: input.linkUrl ?? null,
        fileName: input.file?.name ?? null,
        fileKey: input.file?.key ?? null,
        fileSize: input.file?.size ?? null,
        fileType: input.file?.type ?? null,
        authorId: actor.personId,
        organisationId,
      },
      include: { space: { select: { title: true } } },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "space.update-published",
      subjectType: "space-update",
      subjectId: update.id,
      detail: { kind: update.kind, title: update.title, file: update.fileName, link: update.linkUrl },
    });
    const members = await tx.membership.findMany({
      where: {
        personId: { not: actor.personId },
        organisation: {
          verificationStatus: "verified",
          spaceParticipation: { some: { spaceId: space.spaceId, status: "active" } },
        },
      },
      select: { personId: true },
    });
    notify(emit, {
      personIds: members.map((member) => member.personId),
      spaceId: space.spaceId,
      message: "notifications.messages.updatePublished",
      values: { space: update.space.title, title: update.title },
      link: `/spaces/${space.spaceId}/updates`,
    });
    emit("space.changed", { spaceId: space.spaceId, what: "update" });
    return update;
  });
}
