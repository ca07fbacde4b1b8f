/** The two databases Concord runs on: SQLite (`file:…`, the embedded default) and PostgreSQL. */
export type DatabaseProvider = "sqlite" | "postgresql";

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function databaseProviderOf(url: string): DatabaseProvider | null {
  if (url.startsWith("file:")) return "sqlite";
  return isPostgresUrl(url) ? "postgresql" : null;
}

export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) throw new Error("DATABASE_URL must start with file: for SQLite");
  return databaseUrl.slice("file:".length);
}

/** Where a database URL points, without its password: for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ""}${parsed.host}${parsed.pathname}`;
  } catch {
    return "an unreadable PostgreSQL URL";
  }
}
