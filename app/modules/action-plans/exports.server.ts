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
