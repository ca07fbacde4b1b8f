import { db } from "~/utils/db.server";

export const updatesPerPage = 20;

/**
 * One page of a space's updates, newest first. Callers have checked that the viewer may read the space's
 * updates (requireSpace … "space.read-updates").
 */
export async function spaceUpdates(spaceId: string, page: number) {
  const [total, updates] = await Promise.all([
    db().spaceUpdate.count({ where: { spaceId } }),
    db().spaceUpdate.findMany({
      where: { spaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * updatesPerPage,
      take: updatesPerPage,
      select: {
        id: true,
        kind: true,
        title: true,
        body: true,
        linkUrl: true,
        fileName: true,
        fileSize: true,
        createdAt: true,
        author: { select: { name: true } },
        organisation: { select: { name: true } },
      },
    }),
  ]);
  return { updates, page, pageCount: Math.max(1, Math.ceil(total / updatesPerPage)) };
}

/** The file attached to one of the space's updates, or null when there is none. */
export async function spaceUpdateFile(spaceId: string, updateId: string) {
  const update = await db().spaceUpdate.findFirst({
    where: { id: updateId, spaceId, fileKey: { not: null } },
    select: { fileKey: true, fileName: true, fileSize: true, fileType: true },
  });
  if (!update?.fileKey || !update.fileName || !update.fileType) return null;
  return { key: update.fileKey, name: update.fileName, size: update.fileSize, type: update.fileType };
}
