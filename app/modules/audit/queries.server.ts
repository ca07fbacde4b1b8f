import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { keysetList, type PageLinks } from "~/utils/keyset.server";

export const auditTrailList = keysetList<Prisma.AuditEventWhereInput>({
  name: "space-audit",
  pageSize: 50,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

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
 * The page of a space's audit trail that `url` asks for, newest first. Only for a viewer who may see it
 * (can(…, "space.view-audit")).
 */
export async function spaceAuditTrail(
  spaceId: string,
  url: URL,
): Promise<{ events: AuditRow[]; links: PageLinks }> {
  const { rows: page, links } = await auditTrailList.findPage(url, (query) =>
    db().auditEvent.findMany({
      where: { AND: [{ spaceId }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: {
        id: true,
        createdAt: true,
        action: true,
        subjectType: true,
        subjectId: true,
        actor: { select: { name: true } },
        organisation: { select: { name: true } },
      },
    }),
  );
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
    links,
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
