import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";

export const updatesList = keysetList<Prisma.SpaceUpdateWhereInput>({
  name: "space-updates",
  pageSize: 20,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/**
 * The page of a space's updates that `url` asks for, newest first. Callers have checked that the viewer may
 * read the space's updates (requireSpace … "space.read-updates").
 */
export function spaceUpdates(spaceId: string, url: URL) {
  return updatesList.findPage(url, (page) =>
    db().spaceUpdate.findMany({
      where: { AND: [{ spaceId }, page.where] },
      orderBy: page.orderBy,
      take: page.take,
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
  );
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
