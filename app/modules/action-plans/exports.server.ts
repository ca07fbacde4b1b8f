import { Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { db } from "~/utils/db.server";
import { toWebStream } from "~/utils/streams.server";

const pageSize = 500;

/** The columns of the actions export, in English (the export is data, not a page). */
export const actionColumns = [
  "action id",
  "parent action id",
  "goal",
  "integration domain",
  "sdg target",
  "action",
  "problem",
  "lead organisation",
  "partner organisations",
  "start date",
  "due date",
  "status",
  "status reason",
  "progress percent",
  "approved reports",
  "proposed reports",
];

async function* actionPages(planId: string) {
  let after: string | undefined;
  for (;;) {
    const page = await db().planAction.findMany({
      where: { planId },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
      select: {
        id: true,
        parentId: true,
        title: true,
        problem: true,
        startDate: true,
        dueDate: true,
        status: true,
        statusReason: true,
        progress: true,
        goal: { select: { title: true, domain: true, sdgTarget: true } },
        leadOrganisation: { select: { name: true } },
        partners: { select: { organisation: { select: { name: true } } } },
      },
    });
    if (page.length === 0) return;
    const counts = await db().progressReport.groupBy({
      by: ["actionId", "state"],
      where: { actionId: { in: page.map((action) => action.id) } },
      _count: { _all: true },
    });
    const count = (actionId: string, state: string) =>
      counts.find((row) => row.actionId === actionId && row.state === state)?._count._all ?? 0;
    yield page.map((action) => ({
      ...action,
      approvedReports: count(action.id, "approved"),
      proposedReports: count(action.id, "proposed"),
    }));
    if (page.length < pageSize) return;
    after = page.at(-1)!.id;
  }
}

/**
 * Every action of the plan as CSV, read 500 at a time as the client takes the bytes: with a BOM so
 * spreadsheets read UTF-8 (accents, Arabic), and cells a spreadsheet would run as formulas escaped.
 */
export function actionsCsv(planId: string): ReadableStream<Uint8Array> {
  async function* records() {
    yield actionColumns;
    for await (const page of actionPages(planId))
      for (const action of page)
        yield [
          action.id,
          action.parentId ?? "",
          action.goal.title,
          action.goal.domain,
          action.goal.sdgTarget,
          action.title,
          action.problem,
          action.leadOrganisation.name,
          action.partners.map((partner) => partner.organisation.name).join("; "),
          action.startDate.toISOString().slice(0, 10),
          action.dueDate.toISOString().slice(0, 10),
          action.status,
          action.statusReason,
          String(action.progress),
          String(action.approvedReports),
          String(action.proposedReports),
        ];
  }
  const csv = stringify({ bom: true, escape_formulas: true, record_delimiter: "windows" });
  pipeline(Readable.from(records()), csv, () => {});
  return toWebStream(csv);
}

/**
 * The whole plan as one JSON document — the plan, its goals, then its actions with owners, progress reports,
 * indicators and their targets and actuals — streamed 500 actions at a time.
 */
export function planJson(planId: string): ReadableStream<Uint8Array> {
  async function* chunks() {
    const plan = await db().actionPlan.findUniqueOrThrow({
      where: { id: planId },
      include: {
        goals: { orderBy: { position: "asc" } },
        signatures: { include: { organisation: { select: { id: true, name: true } } } },
      },
    });
    const head = {
      plan: {
        id: plan.id,
        title: plan.title,
        periodFrom: plan.periodFrom.toISOString().slice(0, 10),
        periodTo: plan.periodTo.toISOString().slice(0, 10),
        status: plan.status,
        adoptedOn: plan.adoptedOn?.toISOString().slice(0, 10) ?? null,
        adoptionDecision: plan.adoptionDecision,
        coSignedBy: plan.signatures.map((signature) => ({
          organisation: signature.organisation,
          signedAt: signature.signedAt.toISOString(),
        })),
      },
      goals: plan.goals.map((goal) => ({
        id: goal.id,
        position: goal.position,
        domain: goal.domain,
        sdgTarget: goal.sdgTarget,
        title: goal.title,
        description: goal.description,
      })),
    };
    yield `${JSON.stringify(head).slice(0, -1)},"actions":[`;
    let after: string | undefined;
    let first = true;
    for (;;) {
      const page = await db().planAction.findMany({
        where: { planId },
        orderBy: { id: "asc" },
        take: pageSize,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
        include: {
          leadOrganisation: { select: { id: true, name: true } },
          partners: { include: { organisation: { select: { id: true, name: true } } } },
          reports: {
            orderBy: { createdAt: "asc" },
            include: { organisation: { select: { id: true, name: true } } },
          },
          indicators: {
            orderBy: { position: "asc" },
            include: { values: { orderBy: [{ period: "asc" }, { kind: "desc" }] } },
          },
        },
      });
      if (page.length === 0) break;
      yield (
        (first ? "\n" : ",\n") +
        page
          .map((action) =>
            JSON.stringify({
              id: action.id,
              goalId: action.goalId,
              parentId: action.parentId,
              position: action.position,
              title: action.title,
              problem: action.problem,
              leadOrganisation: action.leadOrganisation,
              partners: action.partners.map((partner) => partner.organisation),
              startDate: action.startDate.toISOString().slice(0, 10),
              dueDate: action.dueDate.toISOString().slice(0, 10),
              status: action.status,
              statusReason: action.statusReason,
              progress: action.progress,
              reports: action.reports.map((report) => ({
                id: report.id,
                organisation: report.organisation,
                periodFrom: report.periodFrom.toISOString().slice(0, 10),
                periodTo: report.periodTo.toISOString().slice(0, 10),
                text: report.text,
                percent: report.percent,
                milestone: report.milestone,
                evidenceUrl: report.evidenceUrl,
                proposedStatus: report.proposedStatus,
                state: report.state,
                reviewComment: report.reviewComment,
              })),
              indicators: action.indicators.map((indicator) => ({
                id: indicator.id,
                title: indicator.title,
                measure: indicator.measure,
                unit: indicator.unit,
                ascending: indicator.ascending,
                baseline: {
                  date: indicator.baselineDate?.toISOString().slice(0, 10) ?? null,
                  value: indicator.baselineValue,
                  comment: indicator.baselineComment,
                },
                meansOfVerification: indicator.meansOfVerification,
                values: indicator.values.map((value) => ({
                  kind: value.kind,
                  period: value.period,
                  value: value.value,
                  comment: value.comment,
                  organisationId: value.organisationId,
                })),
              })),
            }),
          )
          .join(",\n")
      );
      first = false;
      if (page.length < pageSize) break;
      after = page.at(-1)!.id;
    }
    yield "\n]}\n";
  }
  return toWebStream(Readable.from(chunks()));
}
