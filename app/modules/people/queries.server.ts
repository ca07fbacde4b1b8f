import { db } from "~/utils/db.server";
import { hashLinkToken, linkTokenPattern } from "~/utils/link-token.server";

export type EmailConfirmationState = "pending" | "used" | "expired" | "unknown";

/**
 * A link is unknown when nothing matches it or the person's address changed since it was sent (it
 * confirms only the address it went to).
 */
export function emailConfirmationState(
  confirmation: { email: string; usedAt: Date | null; expiresAt: Date; person: { email: string } } | null,
  now = new Date(),
): EmailConfirmationState {
  if (!confirmation || confirmation.email !== confirmation.person.email) return "unknown";
  if (confirmation.usedAt) return "used";
  if (confirmation.expiresAt <= now) return "expired";
  return "pending";
}

/** What a confirmation link stands for now; a malformed token is unknown without asking the database. */
export async function emailConfirmationByToken(token: string): Promise<EmailConfirmationState> {
  if (!linkTokenPattern.test(token)) return "unknown";
  const confirmation = await db().emailConfirmation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { email: true, usedAt: true, expiresAt: true, person: { select: { email: true } } },
  });
  return emailConfirmationState(confirmation);
}
