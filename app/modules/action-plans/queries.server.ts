import { db } from "~/utils/db.server";
import { mayHoldActions } from "./policy";
import { average, buildTrees, rolledUp, type Tree } from "./rollup";
import { isPast } from "./schema";

type ActionRow = {
  id: string;
  parentId: string | null;
  position: number;
  goalId: string;
  title: string;
  status: string;
  progress: number;
  dueDate: Date;
  leadOrganisation: string;
  partners: string[];
  proposedReports: number;
};

export type PlanActionNode = Tree<ActionRow> & { rolledUp: number | null; overdue: boolean };

function withRollup(node: Tree<ActionRow>, now: Date): PlanActionNode {
  const children = node.children.map((child) => withRollup(child, now));
  return {
    ...node,
    children,
    rolledUp: rolledUp(node),
    overdue: isPast(node.dueDate, now) && node.status !== "done" && node.status !== "dropped",
  };
}

/**
 * The space's plan as its page shows it: goals in order, each with its tree of actions (owners, status,
 * approved progress, roll-up, overdue), the co-signatures and the counts by status. Null when the space has
 * no plan yet. Scoped by the space: the route has checked "plan.view" on it.
 */
export async function planOverview(spaceId: string, now = new Date()) {
  const plan = await db().actionPlan.findUnique({
    where: { spaceId },
    include: {
      goals: { orderBy: { position: "asc" } },
      signatures: {
        orderBy: { signedAt: "asc" },
        include: { organisation: { select: { name: true } }, person: { select: { name: true } } },
      },
      adoptedBy: { select: { name: true } },
    },
  });
  if (!plan) return null;
  const rows = await db().planAction.findMany({
    where: { planId: plan.id },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      parentId: true,
      position: true,
      goalId: true,
      title: true,
      status: true,
      progress: true,
      dueDate: true,
      leadOrganisation: { select: { name: true } },
      partners: { select: { organisation: { select: { name: true } } } },
      _count: { select: { reports: { where: { state: "proposed" } } } },
    },
  });
  const actions: ActionRow[] = rows.map(({ leadOrganisation, partners, _count, ...row }) => ({
    ...row,
    leadOrganisation: leadOrganisation.name,
    partners: partners.map((partner) => partner.organisation.name),
    proposedReports: _count.reports,
  }));
  const goals = plan.goals.map((goal) => {
    const trees = buildTrees(actions.filter((action) => action.goalId === goal.id)).map((tree) =>
      withRollup(tree, now),
    );
    return { ...goal, actions: trees, rolledUp: average(trees.map((tree) => tree.rolledUp)) };
  });
  const byStatus: Record<string, number> = {};
  for (const action of actions) byStatus[action.status] = (byStatus[action.status] ?? 0) + 1;
  const overdue = actions.filter(
    (action) => isPast(action.dueDate, now) && action.status !== "done" && action.status !== "dropped",
  ).length;
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      periodFrom: plan.periodFrom,
      periodTo: plan.periodTo,
      status: plan.status,
      adoptedOn: plan.adoptedOn,
      adoptionDecision: plan.adoptionDecision,
      adoptedBy: plan.adoptedBy?.name ?? null,
    },
    goals,
    rolledUp: average(goals.map((goal) => goal.rolledUp)),
    signatures: plan.signatures.map((signature) => ({
      organisationId: signature.organisationId,
      organisation: signature.organisation.name,
      person: signature.person.name,
      signedAt: signature.signedAt,
    })),
    counts: { actions: actions.length, overdue, byStatus },
  };
}

/** The plan's row alone (for forms), or null. */
export function planOf(spaceId: string) {
  return db().actionPlan.findUnique({ where: { spaceId } });
}

/**
 * The organisations that may lead or partner on the space's actions now, with their people (a responsible
 * delegate is one of them), in name order.
 */
export async function actionHolders(spaceId: string) {
  const participants = await db().spaceParticipant.findMany({
    where: { spaceId, status: "active" },
    orderBy: [{ organisationName: "asc" }, { organisationId: "asc" }],
    select: {
      organisationId: true,
      organisationName: true,
      role: true,
      level: true,
      status: true,
      organisation: {
        select: { memberships: { select: { person: { select: { id: true, name: true } } } } },
      },
    },
  });
  return participants
    .filter((participant) =>
      mayHoldActions({
        organisationId: participant.organisationId,
        role: participant.role as "convener" | "participant",
        level: participant.level as never,
        status: "active",
      }),
    )
    .map((participant) => ({
      id: participant.organisationId,
      name: participant.organisationName,
      people: participant.organisation.memberships
        .map((membership) => membership.person)
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

/** The goals and actions of the plan, for the pickers of the action form. */
export async function planStructure(planId: string) {
  const [goals, actions] = await Promise.all([
    db().planGoal.findMany({
      where: { planId },
      orderBy: { position: "asc" },
      select: { id: true, title: true },
    }),
    db().planAction.findMany({
      where: { planId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, title: true, goalId: true, parentId: true, position: true },
    }),
  ]);
  return { goals, actions };
}

/** How many reports the action page lists, newest first. */
export const reportsShown = 100;

/** One action of the space's plan with its owners, sub-actions and progress reports; null when not there. */
export async function actionDetail(spaceId: string, actionId: string) {
  const action = await db().planAction.findFirst({
    where: { id: actionId, plan: { spaceId } },
    include: {
      plan: { select: { id: true, title: true, status: true } },
      goal: { select: { id: true, title: true, domain: true } },
      parent: { select: { id: true, title: true } },
      children: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true, title: true, status: true, progress: true },
      },
      leadOrganisation: { select: { id: true, name: true } },
      leadDelegate: { select: { name: true } },
      partners: {
        orderBy: { createdAt: "asc" },
        include: { organisation: { select: { name: true } }, delegate: { select: { name: true } } },
      },
      reports: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: reportsShown,
        include: {
          organisation: { select: { name: true } },
          author: { select: { name: true } },
          reviewer: { select: { name: true } },
        },
      },
    },
  });
  return action;
}

/** The action's indicators with their targets and actuals, periods in order. */
export function actionIndicators(actionId: string) {
  return db().planIndicator.findMany({
    where: { actionId },
    orderBy: { position: "asc" },
    include: {
      values: {
        orderBy: [{ period: "asc" }, { kind: "desc" }],
        include: { organisation: { select: { name: true } } },
      },
    },
  });
}

/** How many comments the plan page shows, newest first. */
export const commentsShown = 50;

/** The plan's latest comments, newest first, with how many there are in all. */
export async function planComments(planId: string) {
  const [comments, total] = await Promise.all([
    db().planComment.findMany({
      where: { planId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: commentsShown,
      include: { organisation: { select: { name: true } }, author: { select: { name: true } } },
    }),
    db().planComment.count({ where: { planId } }),
  ]);
  return { comments, total };
}

/**
 * The plans of the spaces directly under this one, rolled up by integration domain: how many goals and actions
 * each domain has across them and their averaged progress (each goal counting once). Aggregates only: no
 * child space's titles or owners, which their own members read.
 */
export async function childPlansByDomain(spaceId: string) {
  const plans = await db().actionPlan.findMany({
    where: { space: { parentId: spaceId }, status: { not: "closed" } },
    select: {
      id: true,
      goals: { select: { id: true, domain: true } },
      actions: {
        select: { id: true, goalId: true, parentId: true, position: true, status: true, progress: true },
      },
    },
  });
  const domains = new Map<string, { goals: number; actions: number; progress: (number | null)[] }>();
  for (const plan of plans)
    for (const goal of plan.goals) {
      const rows = plan.actions.filter((action) => action.goalId === goal.id);
      const entry = domains.get(goal.domain) ?? { goals: 0, actions: 0, progress: [] };
      entry.goals += 1;
      entry.actions += rows.length;
      entry.progress.push(average(buildTrees(rows).map(rolledUp)));
      domains.set(goal.domain, entry);
    }
  return {
    plans: plans.length,
    domains: [...domains].map(([domain, entry]) => ({
      domain,
      goals: entry.goals,
      actions: entry.actions,
      progress: average(entry.progress),
    })),
  };
}
