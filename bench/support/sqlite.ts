import Database from "better-sqlite3";

/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 text with an explicit UTC offset). */
export const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Ids that sort in insertion order, so that bulk inserts append to the primary-key index. */
export const sequentialId = (prefix: string, index: number) => `${prefix}${String(index).padStart(8, "0")}`;

/** One table's part of a bulk insert: its columns, and the values of its row for index i. */
export type TableRows = { table: string; columns: string[]; row: (index: number) => unknown[] };

/** The organisation of index i, verified, with id `organisationId(i)`: for bulkInsert. */
export const organisationId = (index: number) => sequentialId("bench-organisation-", index);

export function organisationRows(
  type: (index: number) => string,
  createdAt: (index: number) => string,
): TableRows {
  return {
    table: "Organisation",
    columns: [
      "id",
      "name",
      "type",
      "governanceLevel",
      "place",
      "country",
      "contactName",
      "contactEmail",
      "verificationStatus",
      "createdAt",
      "updatedAt",
    ],
    row: (i) => [
      organisationId(i),
      `Partner organisation ${String(i).padStart(8, "0")}`,
      type(i),
      "local",
      "Ottawa",
      "CA",
      "Contact",
      `partner${i}@bench.example`,
      "verified",
      createdAt(i),
      createdAt(i),
    ],
  };
}

/** Rows per INSERT statement: one call into SQLite per hundred rows rather than per row. */
const rowsPerStatement = 100;

/**
 * Inserts the rows of indexes `from` … `to - 1` of each table straight into the SQLite file, in one
 * transaction through prepared multi-row INSERTs, table by table for each hundred indexes (so a row's
 * foreign keys exist before it): the fast way to put a million rows in (the server must not be writing
 * meanwhile). Returns the seconds it took.
 */
export function bulkInsert(dbFile: string, range: { from: number; to: number }, tables: TableRows[]): number {
  const started = performance.now();
  const sqlite = new Database(dbFile);
  try {
    // Nothing else writes meanwhile and the data is thrown away after the run: no need to wait for the disk.
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144");
    const statements = new Map<string, Database.Statement>();
    const insert = ({ table, columns }: TableRows, rows: number) => {
      const key = `${table}:${rows}`;
      if (!statements.has(key)) {
        const tuple = `(${columns.map(() => "?").join(", ")})`;
        statements.set(
          key,
          sqlite.prepare(
            `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) ` +
              `VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`,
          ),
        );
      }
      return statements.get(key)!;
    };
    sqlite.transaction(() => {
      for (let start = range.from; start < range.to; start += rowsPerStatement) {
        const end = Math.min(range.to, start + rowsPerStatement);
        for (const table of tables) {
          const values: unknown[] = [];
          for (let index = start; index < end; index++) values.push(...table.row(index));
          insert(table, end - start).run(values);
        }
      }
    })();
  } finally {
    sqlite.close();
  }
  return (performance.now() - started) / 1000;
}

/**
 * One table's part of a set-based insert: for each column, the SQL expression of its value in row `i` (an
 * integer counting from the range's start), e.g. `'bench-update-' || printf('%08d', i)`.
 */
export type GeneratedRows = { table: string; values: Record<string, string> };

/** The SQL of a sequentialId: `sequentialId(prefix, i)` computed by SQLite. */
export const sqlSequentialId = (prefix: string, index = "i") => `'${prefix}' || printf('%08d', ${index})`;

/** The SQL of the value at `i % values.length` of a list of strings. */
export const sqlPick = (values: readonly string[], index = "i") =>
  `CASE ${index} % ${values.length} ${values.map((value, n) => `WHEN ${n} THEN '${value.replaceAll("'", "''")}'`).join(" ")} END`;

/** The SQL of sqliteDate(epoch + i minutes), as Prisma's SQLite adapter stores a DateTime. */
export const sqlMinuteAfter = (epoch: Date, index = "i") =>
  `strftime('%Y-%m-%dT%H:%M:%f', ${Math.floor(epoch.getTime() / 1000)} + ${index} * 60, 'unixepoch') || '+00:00'`;

/**
 * Inserts the rows `from` … `to - 1` of each table with one INSERT … SELECT over a recursive counter each, in
 * one transaction, table after table (so a row's foreign keys exist before it): SQLite makes the rows itself,
 * a million in seconds, with no round trip per row. The server must not be writing meanwhile. Returns the
 * seconds it took.
 */
export function generateRows(
  dbFile: string,
  range: { from: number; to: number },
  tables: GeneratedRows[],
): number {
  const started = performance.now();
  if (range.to <= range.from) return 0;
  const sqlite = new Database(dbFile);
  try {
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144");
    sqlite.transaction(() => {
      for (const { table, values } of tables) {
        const columns = Object.keys(values);
        sqlite
          .prepare(
            `WITH RECURSIVE counter(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM counter WHERE i + 1 < ?) ` +
              `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) ` +
              `SELECT ${Object.values(values).join(", ")} FROM counter`,
          )
          .run(range.from, range.to);
      }
    })();
  } finally {
    sqlite.close();
  }
  return (performance.now() - started) / 1000;
}
