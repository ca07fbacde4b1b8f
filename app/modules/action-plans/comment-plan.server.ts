import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { actingFor, planOf } from "./access.server";
import { editableStatuses, type PlanStatus } from "./schema";

/** A comment on the plan on behalf of an organisation ("plan.comment-draft"), while it is drafted or reviewed. */
export async function commentOnPlan(
  actor: Actor,
  space: SpaceResource,
  text: string,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.comment-draft", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await planOf(tx, space.spaceId);
    if (!editableStatuses.includes(plan.status as PlanStatus))
      throw new DomainError("plans.errors.notCommentable");
    const comment = await tx.planComment.create({
      data: { planId: plan.id, organisationId, authorId: actor.personId, text },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "plan.commented",
      subjectType: "plan-comment",
      subjectId: comment.id,
      detail: {},
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return comment;
  });
}
