import type { Level } from "~/modules/engagement/levels";
import { participantCopies } from "~/modules/spaces/participant-copies.server";
import { db } from "~/utils/db.server";
import { addMember, createOrganisation, createPerson, type OrganisationInput } from "./people";

/** Builders for spaces, shared by the tests and the demo data loader. */

export type SpaceInput = {
  title?: string;
  kind?: string;
  governanceLevel?: string;
  mandate?: string;
  place?: string;
  themes?: string[];
  parentId?: string | null;
  convenerOrganisationId: string;
  createdById: string;
};

let sequence = 0;

export async function createSpace(input: SpaceInput) {
  const n = ++sequence;
  const title = input.title ?? `Working group ${n}`;
  const convener = await db().organisation.findUniqueOrThrow({
    where: { id: input.convenerOrganisationId },
    select: { name: true },
  });
  const space = await db().space.create({
    data: {
      title,
      kind: input.kind ?? "local_immigration_partnership",
      governanceLevel: input.governanceLevel ?? "local",
      mandate: input.mandate ?? "Coordinate settlement and integration services across the city.",
      place: input.place ?? "Ottawa",
      parentId: input.parentId ?? null,
      createdById: input.createdById,
      themes: { create: (input.themes ?? ["settlement"]).map((theme) => ({ theme })) },
      participants: {
        create: {
          organisationId: input.convenerOrganisationId,
          role: "convener",
          status: "active",
          level: null,
          spaceTitle: title,
          organisationName: convener.name,
        },
      },
    },
  });
  return space;
}

export async function addParticipant(
  spaceId: string,
  organisationId: string,
  level: Level,
  options: { status?: "invited" | "active" | "declined" | "left"; changedById?: string } = {},
) {
  const participant = await db().spaceParticipant.create({
    data: {
      spaceId,
      organisationId,
      role: "participant",
      level,
      status: options.status ?? "active",
      ...(await participantCopies(db(), spaceId, organisationId)),
    },
  });
  if (options.changedById) {
    await db().levelChange.create({
      data: { spaceId, organisationId, toLevel: level, kind: "joined", changedById: options.changedById },
    });
  }
  return participant;
}

export async function addDelegate(spaceId: string, organisationId: string, personId: string, isLead = false) {
  return db().spaceDelegate.create({ data: { spaceId, organisationId, personId, isLead } });
}

/** Another convening organisation of the space, written straight into the table. */
export async function addConvenerRow(spaceId: string, organisationId: string) {
  return db().spaceParticipant.create({
    data: {
      spaceId,
      organisationId,
      role: "convener",
      status: "active",
      ...(await participantCopies(db(), spaceId, organisationId)),
    },
  });
}

/** A space with a convening ministry and its focal point, ready for a test to add participants to. */
export async function createConvenedSpace(
  options: { space?: Partial<SpaceInput>; convener?: OrganisationInput } = {},
) {
  const convener = await createOrganisation({
    name: "Ministry of Interior",
    type: "national_ministry",
    governanceLevel: "national",
    ...options.convener,
  });
  const focalPoint = await createPerson({ name: "Focal Point" });
  await addMember(focalPoint.id, convener.id, { role: "admin", isFocalPoint: true });
  const space = await createSpace({
    ...options.space,
    convenerOrganisationId: convener.id,
    createdById: focalPoint.id,
  });
  return { space, convener, focalPoint };
}

/** An organisation taking part in a space at a level, with an admin who is also its lead delegate. */
export async function createParticipantOrganisation(
  spaceId: string,
  level: Level,
  options: { organisation?: OrganisationInput; status?: "invited" | "active" | "declined" | "left" } = {},
) {
  const organisation = await createOrganisation({ type: "cso", ...options.organisation });
  const admin = await createPerson();
  await addMember(admin.id, organisation.id, { role: "admin" });
  await addParticipant(spaceId, organisation.id, level, { status: options.status });
  if ((options.status ?? "active") === "active") await addDelegate(spaceId, organisation.id, admin.id, true);
  return { organisation, admin };
}
