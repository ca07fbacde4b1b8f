import type { Actor } from "~/modules/authorization/actor";
import { actingOrganisation } from "~/modules/authorization/can";
import type { SpaceAction, SpaceResource } from "~/modules/spaces/policy";
import { DomainError, forbidden } from "~/utils/errors";
import type { Tx } from "~/utils/db.server";
import { mayHoldActions } from "./policy";
import { editableStatuses, type PlanStatus } from "./schema";

/** The organisation the person acts for in `action` (the current one when it may), for the audit trail. */
export function actingFor(actor: Actor, action: SpaceAction, space: SpaceResource, preferred: string | null) {
  const organisationId = actingOrganisation(
    actor,
    action,
    space,
    space.standings.map((standing) => standing.organisationId),
    preferred,
  );
  if (!organisationId) forbidden();
  return organisationId;
}

/** The space's plan, read in the command's transaction; a DomainError when it has none. */
export async function planOf(tx: Tx, spaceId: string) {
  const plan = await tx.actionPlan.findUnique({ where: { spaceId } });
  if (!plan) throw new DomainError("plans.errors.noPlan");
  return plan;
}

/** The plan, when its goals and actions may be edited now (a draft, or under review). */
export async function editablePlanOf(tx: Tx, spaceId: string) {
  const plan = await planOf(tx, spaceId);
  if (!editableStatuses.includes(plan.status as PlanStatus))
    throw new DomainError("plans.errors.notEditable");
  return plan;
}

/** The ids of the organisations that may lead or partner on the space's actions now. */
export async function actionHolderIds(tx: Tx, spaceId: string): Promise<Set<string>> {
  const participants = await tx.spaceParticipant.findMany({
    where: { spaceId, status: "active" },
    select: { organisationId: true, role: true, level: true, status: true },
  });
  return new Set(
    participants
      .filter((participant) =>
        mayHoldActions({
          organisationId: participant.organisationId,
          role: participant.role as "convener" | "participant",
          level: participant.level as never,
          status: participant.status as "active",
        }),
      )
      .map((participant) => participant.organisationId),
  );
}
