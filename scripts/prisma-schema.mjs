// The one Prisma schema (prisma/schema.prisma, SQLite) and the PostgreSQL schema derived from it. Prisma 7's
// generated client is provider-specific, so Concord generates a second client from the derived schema
// (docs/decisions/0016-postgresql-and-redis.md); the migration scripts diff against the same derivation.
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const providers = ["sqlite", "postgresql"];

/** `schema` with its datasource switched to PostgreSQL and, when given, its client written to `output`. */
export function postgresSchema(schema, { output } = {}) {
  const switched = schema.replace(
    /(datasource\s+\w+\s*\{[^}]*provider\s*=\s*)"sqlite"/,
    (_match, head) => `${head}"postgresql"`,
  );
  if (switched === schema) throw new Error('prisma/schema.prisma must declare provider = "sqlite"');
  return output === undefined
    ? switched
    : switched.replace(
        /(generator\s+client\s*\{[^}]*output\s*=\s*)"[^"]*"/,
        (_m, head) => `${head}"${output}"`,
      );
}

/** The schema text for `provider`, from the SQLite source of truth. */
export const schemaFor = (schema, provider, options) =>
  provider === "postgresql" ? postgresSchema(schema, options) : schema;
