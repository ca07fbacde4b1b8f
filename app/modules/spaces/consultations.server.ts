import type { Prisma } from "~/generated/prisma/client";
import { feedbackLoop } from "~/modules/consultations/lifecycle";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";

export const spaceConsultationsList = keysetList<Prisma.ConsultationWhereInput>({
  name: "space-consultations",
  pageSize: 20,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/**
 * The page of a space's consultations that `url` asks for, newest first, each with the state of its feedback
 * loop. Drafts are listed only for the conveners (`includeDrafts`); callers have checked the viewer may read
 * the space.
 */
export async function spaceConsultationPage(
  spaceId: string,
  url: URL,
  options: { includeDrafts: boolean },
  now = new Date(),
) {
  const where: Prisma.ConsultationWhereInput = {
    spaceId,
    ...(options.includeDrafts ? {} : { status: { not: "draft" } }),
  };
  const page = await spaceConsultationsList.findPage(url, (query) =>
    db().consultation.findMany({
      where: { AND: [where, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: {
        id: true,
        title: true,
        status: true,
        closesAt: true,
        feedbackDueAt: true,
        closedAt: true,
        createdAt: true,
      },
    }),
  );
  const ids = page.rows.map((consultation) => consultation.id);
  const [inputs, answered] = await Promise.all([
    db().submission.groupBy({
      by: ["consultationId"],
      where: { consultationId: { in: ids }, status: "submitted" },
      _count: { _all: true },
    }),
    db().submission.groupBy({
      by: ["consultationId"],
      where: { consultationId: { in: ids }, status: "submitted", responseId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const countOf = (rows: typeof inputs, id: string) =>
    rows.find((row) => row.consultationId === id)?._count._all ?? 0;
  return {
    links: page.links,
    consultations: page.rows.map((consultation) => ({
      ...consultation,
      loop: feedbackLoop(
        consultation,
        countOf(inputs, consultation.id),
        countOf(answered, consultation.id),
        now,
      ),
    })),
  };
}
