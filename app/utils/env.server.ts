import { z } from "zod";
import { databaseProviderOf, type DatabaseProvider } from "./database-url";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default("file:./data/concord.db")
    .refine((url) => databaseProviderOf(url) !== null, {
      message: "must be file:<path> (SQLite) or postgresql://user:password@host:port/database",
    }),
  /** Several processes share socket.io rooms, rate limits and presence through this Redis (ADR 0016). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be redis://host:port (or rediss:// for TLS)")
    .optional(),
  /** Prefix of every Redis key and channel, so that several Concords (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/)
    .default("concord"),
  /** The address people use to reach Concord; Origin headers and socket handshakes are checked against it. */
  PUBLIC_ORIGIN: z.string().url().default("http://localhost:3000"),
  /** Further origins allowed to post forms and open sockets, comma separated. */
  EXTRA_ORIGINS: z.string().default(""),
  DATA_DIR: z.string().default("./data"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Concord <no-reply@concord.local>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: booleanFlag.default("false"),
  DEMO_DATA: booleanFlag.default("true"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid environment:\n${problems.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between files; they call this to read it afresh. */
export function resetEnvCache() {
  cached = undefined;
}

export function allowedOrigins(): string[] {
  const { PUBLIC_ORIGIN, EXTRA_ORIGINS } = env();
  const extra = EXTRA_ORIGINS.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return [new URL(PUBLIC_ORIGIN).origin, ...extra.map((origin) => new URL(origin).origin)];
}

export function isSecureOrigin(): boolean {
  return new URL(env().PUBLIC_ORIGIN).protocol === "https:";
}

export function databaseProvider(): DatabaseProvider {
  return databaseProviderOf(env().DATABASE_URL) ?? "sqlite";
}
