import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";

/** Withdraws a pending invitation so its link stops working. Used, withdrawn or expired ones are refused. */
export async function revokeInvitation(
  actor: Actor,
  invitation: { id: string; email: string; organisationId: string },
): Promise<void> {
  const now = new Date();
  await runCommand(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    if (count !== 1) throw new DomainError("invitations.revoke.notPending");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: invitation.organisationId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: invitation.id,
      detail: { email: invitation.email },
    });
  });
}
