import { createHash, randomBytes } from "node:crypto";

/** The secret in a mailed link (an invitation, an address confirmation): 32 random bytes in base64url. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What newLinkToken makes; anything else is refused before the database is asked. */
export const linkTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Only this hash is stored: the database alone never gives anyone a working link. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
