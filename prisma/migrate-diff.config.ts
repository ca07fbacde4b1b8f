import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
export default {
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSqlite3({ url: ":memory:" }),
};
