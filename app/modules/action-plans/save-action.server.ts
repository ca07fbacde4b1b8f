import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError, notFound } from "~/utils/errors";
import { actingFor, actionHolderIds, editablePlanOf } from "./access.server";
import type { ActionInput } from "./schema";

/** The responsible delegate posted for each partner, by organisation id (null: none named). */
export type PartnerDelegates = Record<string, string | null>;

/** Whether `personId` is a member of `organisationId` (a responsible delegate must be one of its people). */
async function isMember(tx: Tx, organisationId: string, personId: string) {
  return (await tx.membership.count({ where: { organisationId, personId } })) > 0;
}

/**
 * Adds an action (actionId null) or edits one: under a goal of the space's plan, optionally as a sub-action of
 * another action of the same goal (never of itself or of one of its own sub-actions), with a lead organisation
 * and partners that may hold actions in the space now (COLLABORATE or above, or conveners — spaceRules
 * "plan.hold-action") and responsible delegates who are their members. Progress and status are not edited
 * here: they change when a progress report is approved.
 */
export async function saveAction(
  actor: Actor,
  space: SpaceResource,
  actionId: string | null,
  input: ActionInput,
  partnerDelegates: PartnerDelegates,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.edit", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await editablePlanOf(tx, space.spaceId);
    const existing = actionId
      ? await tx.planAction.findFirst({
          where: { id: actionId, planId: plan.id },
          select: { id: true, goalId: true },
        })
      : null;
    if (actionId && !existing) notFound();
    const goal = await tx.planGoal.findFirst({
      where: { id: input.goalId, planId: plan.id },
      select: { id: true },
    });
    if (!goal) throw new DomainError("plans.errors.unknownGoal", "goalId");

    if (input.parentId) {
      const parent = await tx.planAction.findFirst({
        where: { id: input.parentId, planId: plan.id },
        select: { id: true, goalId: true },
      });
      if (!parent) throw new DomainError("plans.errors.unknownParent", "parentId");
      if (parent.goalId !== goal.id) throw new DomainError("plans.errors.parentOtherGoal", "parentId");
      // A cycle: the new parent is the action itself or lies under it.
      let cursor: string | null = parent.id;
      while (cursor) {
        if (cursor === actionId) throw new DomainError("plans.errors.cycle", "parentId");
        const up: { parentId: string | null } | null = await tx.planAction.findUnique({
          where: { id: cursor },
          select: { parentId: true },
        });
        cursor = up?.parentId ?? null;
      }
    }

    const holders = await actionHolderIds(tx, space.spaceId);
    if (!holders.has(input.leadOrganisationId))
      throw new DomainError("plans.errors.leadNotEligible", "leadOrganisationId");
    const partners = [...new Set(input.partnerOrganisationIds)].filter(
      (id) => id !== input.leadOrganisationId,
    );
    if (partners.some((partner) => !holders.has(partner)))
      throw new DomainError("plans.errors.partnerNotEligible", "partnerOrganisationIds");
    if (input.leadDelegateId && !(await isMember(tx, input.leadOrganisationId, input.leadDelegateId)))
      throw new DomainError("plans.errors.delegateNotMember", "leadDelegateId");
    for (const partner of partners) {
      const delegate = partnerDelegates[partner];
      if (delegate && !(await isMember(tx, partner, delegate)))
        throw new DomainError("plans.errors.delegateNotMember", "partnerOrganisationIds");
    }

    const data = {
      goalId: goal.id,
      parentId: input.parentId,
      title: input.title,
      problem: input.problem,
      leadOrganisationId: input.leadOrganisationId,
      leadDelegateId: input.leadDelegateId,
      startDate: input.startDate,
      dueDate: input.dueDate,
    };
    let action;
    if (existing) {
      action = await tx.planAction.update({ where: { id: existing.id }, data });
      if (existing.goalId !== goal.id) await moveDescendants(tx, existing.id, goal.id);
      await tx.planActionPartner.deleteMany({
        where: { actionId: existing.id, organisationId: { notIn: partners } },
      });
    } else {
      const last = await tx.planAction.findFirst({
        where: { planId: plan.id, goalId: goal.id, parentId: input.parentId },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      action = await tx.planAction.create({
        data: { ...data, planId: plan.id, position: (last?.position ?? 0) + 1 },
      });
    }
    for (const partner of partners) {
      const delegateId = partnerDelegates[partner] ?? null;
      await tx.planActionPartner.upsert({
        where: { actionId_organisationId: { actionId: action.id, organisationId: partner } },
        create: { actionId: action.id, organisationId: partner, delegateId },
        update: { delegateId },
      });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: existing ? "plan.action-edited" : "plan.action-added",
      subjectType: "plan-action",
      subjectId: action.id,
      detail: { title: action.title, lead: action.leadOrganisationId, partners },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return action;
  });
}

/** Sub-actions follow their action to another goal. */
async function moveDescendants(tx: Tx, actionId: string, goalId: string) {
  let level = [actionId];
  while (level.length > 0) {
    const children = await tx.planAction.findMany({
      where: { parentId: { in: level } },
      select: { id: true },
    });
    level = children.map((child) => child.id);
    if (level.length > 0) await tx.planAction.updateMany({ where: { id: { in: level } }, data: { goalId } });
  }
}
