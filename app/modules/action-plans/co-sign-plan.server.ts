import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { actingFor, planOf } from "./access.server";
import { editableStatuses, type PlanStatus } from "./schema";

/**
 * An organisation co-signs the plan before its adoption: an explicit act of its admin or lead delegate
 * ("plan.co-sign"), once per organisation and adoption.
 */
export async function coSignPlan(actor: Actor, space: SpaceResource, preferredOrganisationId: string | null) {
  const organisationId = actingFor(actor, "plan.co-sign", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await planOf(tx, space.spaceId);
    if (!editableStatuses.includes(plan.status as PlanStatus))
      throw new DomainError("plans.errors.notSignable");
    const already = await tx.planSignature.findUnique({
      where: { planId_organisationId: { planId: plan.id, organisationId } },
    });
    if (already) throw new DomainError("plans.errors.alreadySigned");
    const signature = await tx.planSignature.create({
      data: { planId: plan.id, organisationId, personId: actor.personId },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "plan.co-signed",
      subjectType: "action-plan",
      subjectId: plan.id,
      detail: {},
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return signature;
  });
}
