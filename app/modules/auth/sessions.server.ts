import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { domainEvents } from "~/utils/events.server";
import { keysetList } from "~/utils/keyset.server";
import { deleteSession } from "./session.server";

/** Deletes every session of the person but `keptSessionId`; returns the ids it ended. */
export async function endSessionsExcept(tx: Tx, personId: string, keptSessionId: string): Promise<string[]> {
  const others = await tx.session.findMany({
    where: { userId: personId, id: { not: keptSessionId } },
    select: { id: true },
  });
  const ids = others.map((session) => session.id);
  await tx.session.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

export const sessionsList = keysetList<Prisma.SessionWhereInput>({
  name: "own-sessions",
  pageSize: 50,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/** The page `url` asks for of the person's sessions that have not expired, latest sign-in first. */
export async function listOwnSessions(actor: Actor, url: URL) {
  const { rows, links } = await sessionsList.findPage(url, (query) =>
    db().session.findMany({
      where: { AND: [{ userId: actor.personId, expiresAt: { gt: new Date() } }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: { id: true, createdAt: true, expiresAt: true, userAgent: true, ipAddress: true },
    }),
  );
  return {
    links,
    sessions: rows.map(({ id, ...session }) => ({
      ...session,
      handle: sessionHandle(id),
      isCurrent: id === actor.sessionId,
    })),
  };
}

/**
 * The name pages and forms use for a session: a hash of its stored id, so that a page shows neither the
 * cookie's secret nor what the database keeps (the stored id is itself the SHA-256 of the secret).
 */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url");
}

export async function signOut(actor: Actor) {
  await deleteSession(actor.sessionId);
  domainEvents().emit("session.revoked", { personId: actor.personId, sessionIds: [actor.sessionId] });
}

/**
 * Ends one of the person's own sessions, named by its handle; someone else's session is simply not found.
 * Tells whether it was the session making the request, which the caller must then sign out.
 */
export async function revokeSession(actor: Actor, handle: string): Promise<{ wasCurrent: boolean }> {
  return runCommand(async (tx, emit) => {
    const own = await tx.session.findMany({ where: { userId: actor.personId }, select: { id: true } });
    const sessionId = own.find((session) => sessionHandle(session.id) === handle)?.id;
    if (!sessionId) throw new DomainError("settings.sessions.notFound");
    await tx.session.delete({ where: { id: sessionId } });
    const wasCurrent = sessionId === actor.sessionId;
    await recordAudit(tx, {
      actorId: actor.personId,
      action: "session.revoked",
      subjectType: "person",
      subjectId: actor.personId,
      detail: { current: wasCurrent },
    });
    emit("session.revoked", { personId: actor.personId, sessionIds: [sessionId] });
    return { wasCurrent };
  });
}

export async function revokeOtherSessions(actor: Actor) {
  await runCommand(async (tx, emit) => {
    const sessionIds = await endSessionsExcept(tx, actor.personId, actor.sessionId);
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
