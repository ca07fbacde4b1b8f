import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { actingConvener } from "./access.server";
import { participantCopies } from "./participant-copies.server";
import type { SpaceResource } from "./policy";
import { convenerOrganisationTypes } from "./schema";

/**
 * Adds a co-convener: another verified government body. One that already takes part in the space becomes
 * convener in its place (history kind "convener-added", from its former level).
 */
export async function addConvener(actor: Actor, space: SpaceResource, organisationId: string) {
  const spaceId = space.spaceId;
  return runCommand(async (tx, emit) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { id: true, name: true, type: true, verificationStatus: true },
    });
    if (
      !organisation ||
      organisation.verificationStatus !== "verified" ||
      !(convenerOrganisationTypes as readonly string[]).includes(organisation.type)
    ) {
      throw new DomainError("spaces.errors.convenerNotGovernment", "organisationId");
    }
    const existing = await tx.spaceParticipant.findUnique({
      where: { spaceId_organisationId: { spaceId, organisationId } },
      select: { id: true, role: true, level: true, status: true },
    });
    if (existing?.role === "convener" && existing.status === "active") {
      throw new DomainError("spaces.errors.alreadyConvener", "organisationId", { name: organisation.name });
    }
    const convener = { role: "convener", level: null, status: "active", invitedById: actor.personId };
    if (existing) {
      await tx.spaceParticipant.update({
        where: { id: existing.id },
        data: { ...convener, respondedAt: new Date() },
      });
    } else {
      await tx.spaceParticipant.create({
        data: {
          spaceId,
          organisationId,
          ...convener,
          ...(await participantCopies(tx, spaceId, organisationId)),
        },
      });
    }
    const fromLevel = existing?.status === "active" || existing?.status === "invited" ? existing.level : null;
    await tx.levelChange.create({
      data: {
        spaceId,
        organisationId,
        fromLevel,
        toLevel: null,
        kind: "convener-added",
        changedById: actor.personId,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: actingConvener(actor, "space.manage-conveners", space),
      spaceId,
      action: "space.convener-added",
      subjectType: "organisation",
      subjectId: organisationId,
      detail: { name: organisation.name, fromLevel, formerStatus: existing?.status ?? null },
    });
    emit("space.standing-changed", { spaceId, organisationId });
    emit("space.changed", { spaceId, what: "participation" });
    return { name: organisation.name };
  });
}

/** Takes an organisation out of the conveners; the last convener of a space cannot be removed. */
export async function removeConvener(actor: Actor, space: SpaceResource, organisationId: string) {
  const spaceId = space.spaceId;
  return runCommand(async (tx, emit) => {
    const conveners = await tx.spaceParticipant.findMany({
      where: { spaceId, role: "convener", status: "active" },
      select: { id: true, organisationId: true, organisation: { select: { name: true } } },
    });
    const leaving = conveners.find((convener) => convener.organisationId === organisationId);
    if (!leaving) throw new DomainError("spaces.errors.notConvener");
    if (conveners.length === 1) throw new DomainError("spaces.errors.lastConvener");
    await tx.spaceParticipant.update({ where: { id: leaving.id }, data: { status: "left" } });
    await tx.levelChange.create({
      data: {
        spaceId,
        organisationId,
        fromLevel: null,
        toLevel: null,
        kind: "removed",
        changedById: actor.personId,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: actingConvener(actor, "space.manage-conveners", space),
      spaceId,
      action: "space.convener-removed",
      subjectType: "organisation",
      subjectId: organisationId,
      detail: { name: leaving.organisation.name },
    });
    emit("space.standing-changed", { spaceId, organisationId });
    emit("space.changed", { spaceId, what: "participation" });
    return { name: leaving.organisation.name };
  });
}
