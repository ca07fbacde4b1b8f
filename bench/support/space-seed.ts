import { levels } from "~/modules/engagement/levels";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson } from "../../prisma/factories/people";
import { createSpace } from "../../prisma/factories/spaces";

/**
 * The space of the space-page budget, in the database of DATABASE_URL (SQLite or PostgreSQL): 200 organisations,
 * 2,000 updates, 2,000 level changes and 1,000 concerns, with a convener's focal point to sign in as.
 */
export async function seedBusySpace() {
  const convener = await createOrganisation({ name: "Bench Ministry", type: "national_ministry" });
  const focalPoint = await createPerson({ email: `focal-${Date.now()}@bench.example` });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({ convenerOrganisationId: convener.id, createdById: focalPoint.id });
  const organisations: { id: string; name: string }[] = [];
  for (let index = 0; index < 200; index++) {
    organisations.push(await createOrganisation({ name: `Partner organisation ${index}` }));
  }
  await db().spaceParticipant.createMany({
    data: organisations.map((organisation, index) => ({
      spaceId: space.id,
      organisationId: organisation.id,
      role: "participant",
      level: levels[index % levels.length]!,
      status: "active",
      spaceTitle: space.title,
      organisationName: organisation.name,
    })),
  });
  await db().levelChange.createMany({
    data: Array.from({ length: 2000 }, (_, index) => ({
      spaceId: space.id,
      organisationId: organisations[index % 200]!.id,
      fromLevel: levels[index % 4]!,
      toLevel: levels[(index % 4) + 1]!,
      kind: "changed",
      rationale: "Benchmark history",
      changedById: focalPoint.id,
      createdAt: new Date(Date.now() - (2000 - index) * 3600_000),
    })),
  });
  await db().spaceUpdate.createMany({
    data: Array.from({ length: 2000 }, (_, index) => ({
      spaceId: space.id,
      kind: "announcement",
      title: `Update ${index}`,
      body: "An update body of a realistic length, describing a decision and what follows from it.",
      authorId: focalPoint.id,
      organisationId: convener.id,
    })),
  });
  await db().concern.createMany({
    data: Array.from({ length: 1000 }, (_, index) => ({
      spaceId: space.id,
      organisationId: organisations[index % 200]!.id,
      raisedById: focalPoint.id,
      text: `Concern ${index}: waiting times for language classes are too long.`,
      theme: "language",
      status: index % 3 === 0 ? "open" : "answered",
    })),
  });
  return { space, focalPoint };
}
