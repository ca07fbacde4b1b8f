import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { isLevel, type Level } from "~/modules/engagement/levels";
import { notify } from "~/modules/notifications/notify.server";
import { participantCopies } from "~/modules/spaces/participant-copies.server";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { presentStatuses } from "./queries.server";

type InviteInput = { organisationId: string; level: Level; message?: string };

/**
 * A convener invites a verified organisation at a level. An organisation that declined or left before can
 * be invited again; one already invited or in the space cannot. Its admins are notified.
 */
export async function inviteOrganisation(
  actor: Actor,
  space: SpaceResource,
  convenerId: string,
  { organisationId, level, message = "" }: InviteInput,
) {
  if (!isLevel(level)) throw new DomainError("participation.errors.unknownLevel", "level");
  await runCommand(async (tx, emit) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { id: true, name: true, verificationStatus: true },
    });
    if (!organisation || organisation.verificationStatus !== "verified")
      throw new DomainError("participation.errors.notInvitable", "organisationId");
    const existing = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId: space.spaceId, organisationId } },
      select: { id: true, role: true, status: true },
    });
    if (
      existing &&
      (existing.role === "convener" || presentStatuses.includes(existing.status as "invited" | "active"))
    )
      throw new DomainError("participation.errors.alreadyParticipating", "organisationId", {
        organisation: organisation.name,
      });
    const invited = {
      role: "participant",
      level,
      status: "invited",
      invitedById: actor.personId,
      respondedAt: null,
    };
    const participant = existing
      ? await tx.spaceParticipant.update({ where: { id: existing.id }, data: invited })
      : await tx.spaceParticipant.create({
          data: {
            spaceId: space.spaceId,
            organisationId,
            ...invited,
            ...(await participantCopies(tx, space.spaceId, organisationId)),
          },
        });
    await tx.levelChange.create({
      data: {
        spaceId: space.spaceId,
        organisationId,
        fromLevel: null,
        toLevel: level,
        kind: "invited",
        rationale: message,
        changedById: actor.personId,
      },
    });
    const [spaceRow, admins] = await Promise.all([
      tx.space.findUniqueOrThrow({ where: { id: space.spaceId }, select: { title: true } }),
      tx.membership.findMany({ where: { organisationId, role: "admin" }, select: { personId: true } }),
    ]);
    notify(emit, {
      personIds: admins.map((admin) => admin.personId),
      spaceId: space.spaceId,
      message: "participation.notifications.invited",
      values: { space: spaceRow.title, organisation: organisation.name },
      link: `/spaces/${space.spaceId}/participation`,
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: convenerId,
      spaceId: space.spaceId,
      action: "space.organisation-invited",
      subjectType: "space-participant",
      subjectId: participant.id,
      detail: { organisationId, level, message },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "participation" });
    emit("space.standing-changed", { spaceId: space.spaceId, organisationId });
  });
}
