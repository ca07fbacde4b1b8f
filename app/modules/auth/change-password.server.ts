import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { deleteSession, openSession } from "./session.server";
import { endSessionsExcept } from "./sessions.server";
import { knownDeviceIdFor, type KnownDevice } from "./known-device.server";
import { hashPassword, isCommonPassword } from "./password.server";
import { verifyPasswordWithinLimits } from "./rate-limit.server";

type ChangePasswordInput = {
  currentPassword: string;
  newPassword: string;
  client: { ipAddress: string; userAgent: string };
  knownDevice: KnownDevice | null;
};

/**
 * Changes the password and ends every session from before it, this device's too: this device goes on under
 * a new session (the cookie returned), so neither a stolen cookie nor a session id seen before the change
 * outlives it.
 */
export async function changePassword(
  actor: Actor,
  { currentPassword, newPassword, client, knownDevice }: ChangePasswordInput,
): Promise<{ sessionCookie: string }> {
  const person = await db().person.findUniqueOrThrow({ where: { id: actor.personId } });
  // Within the same limits as signing in: a stolen session must not become a way to guess the password.
  const valid = await verifyPasswordWithinLimits({
    email: actor.email,
    address: client.ipAddress,
    knownDeviceId: knownDeviceIdFor(knownDevice, actor.personId),
    passwordHash: person.passwordHash,
    password: currentPassword,
    field: "currentPassword",
  });
  if (!valid) {
    await db().$transaction((tx) =>
      recordAudit(tx, {
        actorId: actor.personId,
        action: "person.password-change-failed",
        subjectType: "person",
        subjectId: actor.personId,
      }),
    );
    throw new DomainError("validation.currentPasswordWrong", "currentPassword");
  }
  if (isCommonPassword(newPassword)) throw new DomainError("validation.passwordCommon", "newPassword");
  const passwordHash = await hashPassword(newPassword);
  // Opened first, so that a failure never leaves this device signed out; closed again if the change fails.
  const renewed = await openSession(actor.personId, client);
  try {
    await runCommand(async (tx, emit) => {
      await tx.person.update({ where: { id: actor.personId }, data: { passwordHash } });
      const ended = await endSessionsExcept(tx, actor.personId, renewed.sessionId);
      const others = ended.filter((sessionId) => sessionId !== actor.sessionId);
      await recordAudit(tx, {
        actorId: actor.personId,
        action: "person.password-changed",
        subjectType: "person",
        subjectId: actor.personId,
        detail: { sessionsEnded: others.length },
      });
      emit("session.renewed", {
        personId: actor.personId,
        previousSessionId: actor.sessionId,
        sessionId: renewed.sessionId,
      });
      emit("session.revoked", { personId: actor.personId, sessionIds: others });
    });
  } catch (error) {
    await deleteSession(renewed.sessionId);
    throw error;
  }
  return { sessionCookie: renewed.cookie };
}
