import { createDbClient, db } from "~/utils/db.server";
import { forgetSingleton, singleton } from "~/utils/singleton.server";
import { testsUsePostgres } from "./postgres";

/** A SELECT the application sent, with the values it was sent with. */
export type Statement = { sql: string; params: unknown[] };

/**
 * Runs `work` with the process's database client swapped for one that records every statement it sends (the
 * same database, through the same adapter), and returns the SELECTs.
 */
export async function selectsOf(work: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recording = createDbClient(({ query, params }) => {
    if (/^\s*SELECT/i.test(query)) statements.push({ sql: query, params: JSON.parse(params) as unknown[] });
  });
  const app = db();
  forgetSingleton("db");
  singleton("db", () => recording);
  try {
    await work();
  } finally {
    forgetSingleton("db");
    singleton("db", () => app);
    await recording.$disconnect();
  }
  return statements;
}

/**
 * What is wrong with a statement's plan for a list: a table read from end to end, or rows sorted after reading
 * because no index gives their order. Empty when the plan walks indexes only.
 *
 * SQLite: EXPLAIN QUERY PLAN says "SCAN <table>" for a full pass (with or without an index) and "USE TEMP B-TREE
 * FOR … ORDER BY" for a sort. PostgreSQL: with sequential scans and sorts priced out of reach (enable_seqscan,
 * enable_sort off, so that tables of a few test rows do not make a scan the cheaper plan), a "Seq Scan" or a
 * "Sort" node left in the plan is one no index can avoid.
 */
export async function planProblems(statement: Statement): Promise<string[]> {
  return testsUsePostgres() ? postgresProblems(statement) : sqliteProblems(statement);
}

async function sqliteProblems({ sql, params }: Statement): Promise<string[]> {
  const plan = await db().$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
  return plan
    .map((step) => step.detail)
    .filter(
      (detail) =>
        (/^SCAN /.test(detail) && !/^SCAN (CONSTANT ROW|sub\b|\(subquery)/.test(detail)) ||
        /TEMP B-TREE FOR (RIGHT PART OF |LAST TERM OF )?ORDER BY/.test(detail),
    );
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

async function postgresProblems({ sql, params }: Statement): Promise<string[]> {
  const [row] = await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
    return tx.$queryRawUnsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      ...params,
    );
  });
  const problems: string[] = [];
  const visit = (node: PlanNode) => {
    if (node["Node Type"] === "Seq Scan") problems.push(`Seq Scan on ${node["Relation Name"]}`);
    if (node["Node Type"] === "Sort" || node["Node Type"] === "Incremental Sort")
      problems.push(node["Node Type"]);
    node.Plans?.forEach(visit);
  };
  visit(row!["QUERY PLAN"][0]!.Plan);
  return problems;
}
