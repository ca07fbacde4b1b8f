import { recordAudit } from "~/modules/audit/record.server";
import { runCommand } from "~/utils/command.server";
import type { Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { hashLinkToken } from "~/utils/link-token.server";
import { emailConfirmationState } from "./queries.server";

const refusals = {
  used: "registration.confirm.used",
  expired: "registration.confirm.expired",
  unknown: "registration.confirm.unknown",
} as const;

/**
 * Someone opened a confirmation link: the person's address is confirmed and every link they were sent is
 * used up. Of two uses of the same link at once, only the first update matches.
 */
export async function confirmEmail(token: string): Promise<{ personId: string }> {
  const now = new Date();
  return runCommand(async (tx) => {
    const confirmation = await tx.emailConfirmation.findUnique({
      where: { tokenHash: hashLinkToken(token) },
      include: { person: { select: { email: true } } },
    });
    if (!confirmation) throw new DomainError(refusals.unknown);
    const state = emailConfirmationState(confirmation, now);
    if (state !== "pending") throw new DomainError(refusals[state]);
    const { count } = await tx.emailConfirmation.updateMany({
      where: { personId: confirmation.personId, usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) throw new DomainError(refusals.used);
    await markEmailConfirmed(tx, confirmation.personId, now, { via: "link" });
    return { personId: confirmation.personId };
  });
}

/** Records that the person reads mail at their address, unless that is known already. */
export async function markEmailConfirmed(
  tx: Tx,
  personId: string,
  now: Date,
  detail: { via: "link" } | { via: "invitation"; invitationId: string },
) {
  const { count } = await tx.person.updateMany({
    where: { id: personId, emailConfirmedAt: null },
    data: { emailConfirmedAt: now },
  });
  if (count === 0) return;
  await recordAudit(tx, {
    actorId: personId,
    action: "person.email-confirmed",
    subjectType: "person",
    subjectId: personId,
    detail,
  });
}
