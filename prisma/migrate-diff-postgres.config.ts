// Prisma 6 config used by scripts/prisma-diff.mjs to diff a PostgreSQL database against the schema, the way
// prisma/migrate-diff-db.config.ts does for SQLite: `--from-migrations` with an empty folder makes the engine
// describe its "shadow database", which here is the database server/migrate.ts has just migrated (PrismaPg's
// own shadow database would be a new, empty one). Prisma 7's pg adapter refuses PostgreSQL's internal "char"
// type (OID 18), which the engine's catalogue queries read; reported as text, they describe the database as it is.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const charOid = 18;
const textOid = 25;

function migratedDatabase() {
  const connectionString = process.env.CONCORD_DIFF_DATABASE;
  if (!connectionString) throw new Error("CONCORD_DIFF_DATABASE must name the PostgreSQL database to diff");
  const pool = new pg.Pool({ connectionString, allowExitOnIdle: true });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  Object.assign(pool, {
    query: async (...args: unknown[]) => {
      const result = await query(...args);
      for (const field of result.fields ?? []) if (field.dataTypeID === charOid) field.dataTypeID = textOid;
      return result;
    },
  });
  return new PrismaPg(pool);
}

export default {
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const database = migratedDatabase();
    return {
      provider: database.provider,
      adapterName: database.adapterName,
      connect: () => database.connect(),
      connectToShadowDb: () => database.connect(),
    };
  },
};
