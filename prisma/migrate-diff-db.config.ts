// Prisma 6 config used by scripts/prisma-diff.mjs to diff an existing SQLite file against the schema.
// With a driver adapter, Prisma 6's Wasm engine cannot read a database URL (`--from-url` is refused), but
// `--from-migrations` applies the migrations to the adapter's shadow database and then describes it. The
// script points the shadow database at a file that server/migrate.ts has already migrated and passes an
// empty migrations folder, so the engine describes that file as it is (docs/decisions/0002-offline-migrations.md).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

export default {
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const database = process.env.CONCORD_DIFF_DATABASE;
    if (!database) throw new Error("CONCORD_DIFF_DATABASE must name the SQLite file to diff");
    return new PrismaBetterSqlite3({ url: ":memory:" }, { shadowDatabaseUrl: database });
  },
};
