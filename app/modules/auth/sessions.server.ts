import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { lucia } from "./lucia.server";

/** Deletes every session of the actor but the current one; returns the ids it ended. */
export async function endOtherSessions(tx: Tx, actor: Actor): Promise<string[]> {
  const others = await tx.session.findMany({
    where: { userId: actor.personId, id: { not: actor.sessionId } },
    select: { id: true },
  });
  const ids = others.map((session) => session.id);
  await tx.session.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

export async function listOwnSessions(actor: Actor) {
  const sessions = await db().session.findMany({
    where: { userId: actor.personId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true, ipAddress: true },
  });
  return sessions.map((session) => ({ ...session, isCurrent: session.id === actor.sessionId }));
}

export async function signOut(actor: Actor) {
  await lucia().invalidateSession(actor.sessionId);
}

/** Ends one of the person's own sessions on another device; someone else's session id is simply not found. */
export async function revokeSession(actor: Actor, sessionId: string) {
  await runCommand(async (tx, emit) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: actor.personId } });
    if (count === 0) throw new DomainError("sessions.notFound");
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "session.revoked",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { current: sessionId === actor.sessionId },
    });
    emit("session.revoked", { personId: actor.personId, sessionIds: [sessionId] });
  });
}

export async function revokeOtherSessions(actor: Actor) {
  await runCommand(async (tx, emit) => {
    const sessionIds = await endOtherSessions(tx, actor);
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "session.revoked-others",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { count: sessionIds.length },
    });
    emit("session.revoked", { personId: actor.personId, sessionIds });
  });
}
