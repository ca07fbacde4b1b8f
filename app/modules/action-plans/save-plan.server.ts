import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { actingFor } from "./access.server";
import { editableStatuses, type PlanInput, type PlanStatus } from "./schema";

/** Starts the space's plan as a draft, or edits its title and period while it is a draft or under review. */
export async function savePlan(
  actor: Actor,
  space: SpaceResource,
  input: PlanInput,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.edit", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const existing = await tx.actionPlan.findUnique({ where: { spaceId: space.spaceId } });
    if (existing && !editableStatuses.includes(existing.status as PlanStatus))
      throw new DomainError("plans.errors.notEditable");
    const data = { title: input.title, periodFrom: input.periodFrom, periodTo: input.periodTo };
    const plan = existing
      ? await tx.actionPlan.update({ where: { id: existing.id }, data })
      : await tx.actionPlan.create({
          data: { ...data, spaceId: space.spaceId, createdById: actor.personId },
        });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: existing ? "plan.edited" : "plan.created",
      subjectType: "action-plan",
      subjectId: plan.id,
      detail: { title: plan.title },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return plan;
  });
}
