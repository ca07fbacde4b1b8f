import { db } from "~/utils/db.server";

export const auditPageSize = 50;

export type AuditRow = {
  id: string;
  createdAt: Date;
  action: string;
  actorName: string | null;
  organisationName: string | null;
  subjectType: string;
  /** What the subject is called, for the subjects that have a name (an organisation, an update). */
  subjectName: string | null;
};

/**
 * A page of a space's audit trail, newest first, starting after the event `before` (keyset pagination, so every
 * page costs the same however long the trail). Only for a viewer who may see it (can(…, "space.view-audit")).
 */
export async function spaceAuditTrail(
  spaceId: string,
  before: string | null,
): Promise<{ events: AuditRow[]; nextBefore: string | null }> {
  const cursor = before
    ? await db().auditEvent.findFirst({
        where: { id: before, spaceId },
        select: { id: true, createdAt: true },
      })
    : null;
  const rows = await db().auditEvent.findMany({
    where: {
      spaceId,
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: auditPageSize + 1,
    select: {
      id: true,
      createdAt: true,
      action: true,
      subjectType: true,
      subjectId: true,
      actor: { select: { name: true } },
      organisation: { select: { name: true } },
    },
  });
  const page = rows.slice(0, auditPageSize);
  const names = await subjectNames(spaceId, page);
  return {
    events: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      action: row.action,
      actorName: row.actor?.name ?? null,
      organisationName: row.organisation?.name ?? null,
      subjectType: row.subjectType,
      subjectName: names.get(`${row.subjectType}:${row.subjectId}`) ?? null,
    })),
    nextBefore: rows.length > auditPageSize ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Names of the page's subjects that belong to this space, in one query per kind of subject. */
async function subjectNames(spaceId: string, rows: { subjectType: string; subjectId: string }[]) {
  const ids = (type: string) => rows.filter((row) => row.subjectType === type).map((row) => row.subjectId);
  const [participants, requests, updates, space] = await Promise.all([
    db().spaceParticipant.findMany({
      where: { spaceId, id: { in: ids("space-participant") } },
      select: { id: true, organisation: { select: { name: true } } },
    }),
    db().levelRequest.findMany({
      where: { spaceId, id: { in: ids("level-request") } },
      select: { id: true, organisation: { select: { name: true } } },
    }),
    db().spaceUpdate.findMany({
      where: { spaceId, id: { in: ids("space-update") } },
      select: { id: true, title: true },
    }),
    db().space.findUnique({ where: { id: spaceId }, select: { id: true, title: true } }),
  ]);
  return new Map<string, string>([
    ...participants.map((row) => [`space-participant:${row.id}`, row.organisation.name] as [string, string]),
    ...requests.map((row) => [`level-request:${row.id}`, row.organisation.name] as [string, string]),
    ...updates.map((row) => [`space-update:${row.id}`, row.title] as [string, string]),
    ...(space ? [[`space:${space.id}`, space.title] as [string, string]] : []),
  ]);
}
