/**
 * Problems at start-up that a person fixes in the environment (a wrong DATABASE_URL, a database or Redis that is
 * not there): one line naming the variable, never a stack trace.
 */
export class StartupError extends Error {}

/** Error codes that mean "not there" (network, unknown database, refused login, unopenable file), not a bug. */
const unreachable = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ECONNRESET",
  "3D000", // PostgreSQL: the database does not exist
  "28P01", // PostgreSQL: wrong password
  "28000", // PostgreSQL: no such role, or not allowed
  "SQLITE_CANTOPEN",
]);

function codeOf(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  // Node reports a refused connection to every address of a host as an AggregateError.
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined;
}

/**
 * Runs `work` (connecting to what `variable` names, at `target`); an error saying it is not there becomes a
 * StartupError naming the variable. Other errors (a failing migration, a bug) pass through as they are.
 */
export async function reaching<T>(variable: string, target: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = codeOf(error);
    if (code === undefined || !unreachable.has(code)) throw error;
    const reason = error instanceof Error && error.message ? error.message.split("\n")[0] : code;
    throw new StartupError(`${variable}: cannot reach ${target} (${reason})`);
  }
}

/** The one line to print for an error that stopped the start. */
export function startupProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^Invalid environment:\n/, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("; ");
}
