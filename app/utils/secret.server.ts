import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

/**
 * The key that signs Concord's small cookies (toasts, chosen organisation). SESSION_SECRET wins; otherwise a
 * random one is made once and kept in the data folder, so a fresh install needs no configuration.
 */
export function cookieSecret(): string {
  return singleton("cookie-secret", () => {
    if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
    const file = path.resolve(env().DATA_DIR, ".cookie-secret");
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("hex");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  });
}
