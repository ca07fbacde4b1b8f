import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import { actingFor, editablePlanOf, planOf } from "./access.server";
import { firstAllowed, mayReportOn } from "./policy";
import type { IndicatorInput, IndicatorValueInput } from "./schema";

/** Adds an indicator to an action, while the plan may be edited ("plan.edit"). */
export async function addIndicator(
  actor: Actor,
  space: SpaceResource,
  actionId: string,
  input: Omit<IndicatorInput, "intent">,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingFor(actor, "plan.edit", space, preferredOrganisationId);
  return runCommand(async (tx, emit) => {
    const plan = await editablePlanOf(tx, space.spaceId);
    const action = await tx.planAction.findFirst({
      where: { id: actionId, planId: plan.id },
      select: { id: true },
    });
    if (!action) notFound();
    const last = await tx.planIndicator.findFirst({
      where: { actionId: action.id },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const indicator = await tx.planIndicator.create({
      data: {
        actionId: action.id,
        position: (last?.position ?? 0) + 1,
        title: input.title,
        measure: input.measure,
        unit: input.measure === "unit" ? input.unit : "",
        ascending: input.ascending === "yes",
        baselineDate: input.baselineDate,
        baselineValue: input.measure === "qualitative" ? null : input.baselineValue,
        baselineComment: input.baselineComment,
        meansOfVerification: input.meansOfVerification,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: "plan.indicator-added",
      subjectType: "plan-indicator",
      subjectId: indicator.id,
      detail: { actionId: action.id, title: indicator.title, measure: indicator.measure },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return indicator;
  });
}

/**
 * Sets a target (a plan editor, while the plan may be edited) or reports an actual (an organisation that may
 * report on the action: its lead, a partner or a convener; until the plan is closed) for one period. A second
 * value of the same kind for the same period replaces the first; the audit trail keeps both.
 */
export async function recordIndicatorValue(
  actor: Actor,
  space: SpaceResource,
  actionId: string,
  input: Omit<IndicatorValueInput, "intent">,
  preferredOrganisationId: string | null,
) {
  return runCommand(async (tx, emit) => {
    const plan =
      input.kind === "target" ? await editablePlanOf(tx, space.spaceId) : await planOf(tx, space.spaceId);
    if (plan.status === "closed") throw new DomainError("plans.errors.planClosed");
    const indicator = await tx.planIndicator.findFirst({
      where: { id: input.indicatorId, actionId, action: { planId: plan.id } },
      include: {
        action: { select: { leadOrganisationId: true, partners: { select: { organisationId: true } } } },
      },
    });
    if (!indicator) notFound();
    let organisationId: string | null;
    if (input.kind === "target")
      organisationId = actingFor(actor, "plan.edit", space, preferredOrganisationId);
    else {
      const owners = {
        leadOrganisationId: indicator.action.leadOrganisationId,
        partnerOrganisationIds: indicator.action.partners.map((partner) => partner.organisationId),
      };
      organisationId = firstAllowed(
        space.standings.map((standing) => standing.organisationId),
        preferredOrganisationId,
        (candidate) => mayReportOn(actor, space, owners, candidate),
      );
    }
    if (!organisationId) forbidden();
    const qualitative = indicator.measure === "qualitative";
    if (qualitative && input.comment === "")
      throw new DomainError("plans.errors.qualitativeNeedsComment", "comment");
    if (!qualitative && input.value === null) throw new DomainError("plans.errors.valueRequired", "value");
    if (indicator.measure === "percentage" && input.value !== null && (input.value < 0 || input.value > 100))
      throw new DomainError("plans.errors.percentValue", "value");
    const data = {
      value: qualitative ? null : input.value,
      comment: input.comment,
      evidenceUrl: input.evidenceUrl,
      organisationId,
      authorId: actor.personId,
    };
    const value = await tx.indicatorValue.upsert({
      where: {
        indicatorId_kind_period: { indicatorId: indicator.id, kind: input.kind, period: input.period },
      },
      create: { ...data, indicatorId: indicator.id, kind: input.kind, period: input.period },
      update: data,
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: input.kind === "target" ? "plan.indicator-target-set" : "plan.indicator-actual-reported",
      subjectType: "plan-indicator",
      subjectId: indicator.id,
      detail: { period: input.period, value: data.value, comment: input.comment },
    });
    emit("space.changed", { spaceId: space.spaceId, what: "plan" });
    return value;
  });
}
