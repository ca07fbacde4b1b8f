import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { endOtherSessions } from "./sessions.server";
import { hashPassword, isCommonPassword, verifyPassword } from "./password.server";
import { recordFailedSignIn, signInWaitSeconds } from "./rate-limit.server";

type ChangePasswordInput = { currentPassword: string; newPassword: string; ipAddress: string };

/** Changes the password and ends every other session, so a stolen session does not outlive the change. */
export async function changePassword(
  actor: Actor,
  { currentPassword, newPassword, ipAddress }: ChangePasswordInput,
) {
  // Wrong current passwords count against the same limits as failed sign-ins: a stolen session must not
  // become a way to guess the password.
  const waitSeconds = await signInWaitSeconds(actor.email, ipAddress);
  if (waitSeconds > 0) {
    throw new DomainError("auth.tooManyAttempts", "currentPassword", {
      minutes: Math.ceil(waitSeconds / 60),
    });
  }
  const person = await db().person.findUniqueOrThrow({ where: { id: actor.personId } });
  if (!(await verifyPassword(person.passwordHash, currentPassword))) {
    await recordFailedSignIn(actor.email, ipAddress);
    throw new DomainError("validation.currentPasswordWrong", "currentPassword");
  }
  if (isCommonPassword(newPassword)) throw new DomainError("validation.passwordCommon", "newPassword");
  const passwordHash = await hashPassword(newPassword);
  await runCommand(async (tx, emit) => {
    await tx.person.update({ where: { id: actor.personId }, data: { passwordHash } });
    const sessionIds = await endOtherSessions(tx, actor);
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "person.password-changed",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { sessionsEnded: sessionIds.length },
    });
    emit("session.revoked", { personId: actor.personId, sessionIds });
  });
}
