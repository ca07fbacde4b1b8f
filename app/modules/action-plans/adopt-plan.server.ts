import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { actingFor, planOf } from "./access.server";
import { editableStatuses, type AdoptInput, type PlanStatus } from "./schema";

/**
 * A convener's lead adopts the plan (a draft or under review), recording the day and the decision; the
 * co-signatures given by then are the adoption's. The audit entry names them.
 */
export async function adoptPlan(
  actor: Actor,
  space: SpaceResource,
  input: Omit<AdoptInput, "intent">,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.adopt", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await planOf(tx, space.spaceId);
    const adopted = await tx.actionPlan.updateMany({
      where: { id: plan.id, status: { in: editableStatuses } },
      data: {
        status: "adopted",
        adoptedOn: input.adoptedOn,
        adoptionDecision: input.decision,
        adoptedById: actor.personId,
      },
    });
    if (adopted.count === 0) throw new DomainError("plans.errors.notAdoptable");
    const signatures = await tx.planSignature.findMany({
      where: { planId: plan.id },
      select: { organisationId: true },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "plan.adopted",
      subjectType: "action-plan",
      subjectId: plan.id,
      detail: {
        adoptedOn: input.adoptedOn.toISOString().slice(0, 10),
        decision: input.decision,
        coSignedBy: signatures.map((signature) => signature.organisationId),
      },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return plan;
  });
}

/**
 * A convener's lead puts an adopted plan under review (it may be edited again, and a new adoption needs new
 * co-signatures: the old ones stay in the audit trail) or closes the plan.
 */
export async function setPlanStatus(
  actor: Actor,
  space: SpaceResource,
  status: "under_review" | "closed",
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.adopt", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await planOf(tx, space.spaceId);
    const from: PlanStatus[] = status === "under_review" ? ["adopted"] : ["draft", "adopted", "under_review"];
    const changed = await tx.actionPlan.updateMany({
      where: { id: plan.id, status: { in: from } },
      data: { status },
    });
    if (changed.count === 0) throw new DomainError("plans.errors.statusChange");
    if (status === "under_review") await tx.planSignature.deleteMany({ where: { planId: plan.id } });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: status === "closed" ? "plan.closed" : "plan.under-review",
      subjectType: "action-plan",
      subjectId: plan.id,
      detail: { from: plan.status },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return plan;
  });
}
