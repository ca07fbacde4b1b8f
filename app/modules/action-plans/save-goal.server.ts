import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { notFound } from "~/utils/errors";
import { actingFor, editablePlanOf } from "./access.server";
import type { GoalInput } from "./schema";

/** Adds a goal at the end of the plan (goalId null) or edits one, while the plan may be edited. */
export async function saveGoal(
  actor: Actor,
  space: SpaceResource,
  goalId: string | null,
  input: GoalInput,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.edit", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await editablePlanOf(tx, space.spaceId);
    let goal;
    if (goalId) {
      const found = await tx.planGoal.findFirst({
        where: { id: goalId, planId: plan.id },
        select: { id: true },
      });
      if (!found) notFound();
      goal = await tx.planGoal.update({ where: { id: found.id }, data: input });
    } else {
      const last = await tx.planGoal.findFirst({
        where: { planId: plan.id },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      goal = await tx.planGoal.create({
        data: { ...input, planId: plan.id, position: (last?.position ?? 0) + 1 },
      });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: goalId ? "plan.goal-edited" : "plan.goal-added",
      subjectType: "plan-goal",
      subjectId: goal.id,
      detail: { domain: goal.domain, title: goal.title },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return goal;
  });
}
