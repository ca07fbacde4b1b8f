// Generates the Prisma clients without the network: app/generated/prisma (SQLite) from prisma/schema.prisma and
// app/generated/prisma-postgres from the same schema with the PostgreSQL provider (scripts/prisma-schema.mjs).
// Prisma's CLI looks for its native schema engine before any command, and fetching it needs Prisma's CDN;
// `generate` never runs the engine, so a stub that exits 1 satisfies the check (ADR 0002).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresSchema, root, schemaPath } from "./prisma-schema.mjs";

const stubDir = path.join(tmpdir(), "concord-prisma-stub");
const stub = path.join(stubDir, "schema-engine-stub");
if (!existsSync(stub)) {
  mkdirSync(stubDir, { recursive: true });
  writeFileSync(stub, "#!/bin/sh\nexit 1\n");
  chmodSync(stub, 0o755);
}

const generatedDir = path.join(root, "app/generated");
const postgresSchemaPath = path.join(generatedDir, "schema.postgres.prisma");
mkdirSync(generatedDir, { recursive: true });
writeFileSync(
  postgresSchemaPath,
  postgresSchema(readFileSync(schemaPath, "utf8"), { output: "./prisma-postgres" }),
);

for (const schema of [schemaPath, postgresSchemaPath]) {
  const result = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", schema], {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
