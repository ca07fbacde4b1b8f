import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import type { Level } from "~/modules/engagement/levels";
import type { ParticipationStatus, SpaceResource } from "~/modules/spaces/policy";
import { participationVisibility } from "~/modules/spaces/visibility.server";
import { containsText, db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";

/** Lists show at most this many rows a page. */
export const participationPageSize = 100;

/** Statuses in which an organisation is in the space (or on its way in) and cannot be invited again. */
export const presentStatuses: ParticipationStatus[] = ["invited", "active"];

/** Conveners first ("convener" sorts before "participant"), then by name. */
export const participantsList = keysetList<Prisma.SpaceParticipantWhereInput>({
  name: "space-participants",
  pageSize: participationPageSize,
  keys: [
    { field: "role", order: "asc", type: "string" },
    { field: "organisationName", order: "asc", type: "string" },
    { field: "organisationId", order: "asc", type: "string" },
  ],
});

export const levelHistoryList = keysetList<Prisma.LevelChangeWhereInput>({
  name: "level-history",
  pageSize: participationPageSize,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

/**
 * The page `url` asks for of the organisations of a space the viewer may see (participationVisibility:
 * conveners every status, everyone else those in the space now), conveners first then by name.
 */
export async function participantsOf(actor: Actor, space: SpaceResource, url: URL) {
  const where = { spaceId: space.spaceId, ...participationVisibility(actor, space).participants };
  const { rows, links } = await participantsList.findPage(url, (query) =>
    db().spaceParticipant.findMany({
      where: { AND: [where, query.where] },
      select: {
        organisationId: true,
        organisationName: true,
        role: true,
        level: true,
        status: true,
        organisation: { select: { type: true } },
      },
      orderBy: query.orderBy,
      take: query.take,
    }),
  );
  const leads = await db().spaceDelegate.findMany({
    where: {
      spaceId: space.spaceId,
      isLead: true,
      organisationId: { in: rows.map((row) => row.organisationId) },
    },
    select: { organisationId: true, person: { select: { name: true } } },
  });
  return {
    links,
    participants: rows.map((row) => ({
      organisationId: row.organisationId,
      name: row.organisationName,
      type: row.organisation.type,
      role: row.role as "convener" | "participant",
      level: row.level as Level | null,
      status: row.status as ParticipationStatus,
      leadDelegate: leads.find((lead) => lead.organisationId === row.organisationId)?.person.name ?? null,
    })),
  };
}

/**
 * Verified organisations a convener may invite: not in the space, or once in it and gone (declined, left).
 * At most one page; `more` tells the page to offer the search box.
 */
export async function invitableOrganisations(space: SpaceResource, search: string) {
  const where = {
    verificationStatus: "verified",
    spaceParticipation: {
      none: {
        spaceId: space.spaceId,
        OR: [{ role: "convener" }, { status: { in: presentStatuses } }],
      },
    },
    ...(search ? { name: containsText(search) } : {}),
  };
  const rows = await db().organisation.findMany({
    where,
    select: { id: true, name: true, type: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: participationPageSize + 1,
  });
  return { organisations: rows.slice(0, participationPageSize), more: rows.length > participationPageSize };
}

/** The page `url` asks for of a space's level history the viewer may see (participationVisibility), newest first. */
export async function levelHistoryOf(actor: Actor, space: SpaceResource, url: URL) {
  const where = { spaceId: space.spaceId, ...participationVisibility(actor, space).history };
  return levelHistoryList.findPage(url, (query) =>
    db().levelChange.findMany({
      where: { AND: [where, query.where] },
      select: {
        id: true,
        fromLevel: true,
        toLevel: true,
        kind: true,
        rationale: true,
        createdAt: true,
        organisation: { select: { name: true } },
        changedBy: { select: { name: true } },
      },
      orderBy: query.orderBy,
      take: query.take,
    }),
  );
}

/**
 * Requests for a higher level still waiting for the conveners, oldest first: all of them for the conveners,
 * their own organisations' for anyone else (participationVisibility).
 */
export async function pendingLevelRequestsOf(actor: Actor, space: SpaceResource) {
  const requests = await db().levelRequest.findMany({
    where: {
      spaceId: space.spaceId,
      status: "pending",
      ...participationVisibility(actor, space).levelRequests,
    },
    select: {
      id: true,
      organisationId: true,
      requestedLevel: true,
      reason: true,
      createdAt: true,
      organisation: { select: { name: true } },
      requestedBy: { select: { name: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: participationPageSize,
  });
  const current = await db().spaceParticipant.findMany({
    where: {
      spaceId: space.spaceId,
      organisationId: { in: requests.map((request) => request.organisationId) },
    },
    select: { organisationId: true, level: true },
  });
  return requests.map((request) => ({
    ...request,
    currentLevel: (current.find((row) => row.organisationId === request.organisationId)?.level ??
      null) as Level | null,
  }));
}

/**
 * The viewer's own organisations in the space: level, the space's promise for it, the invitation, the
 * delegates, a pending request, and the organisation's members when the viewer may name delegates.
 */
export async function ourParticipation(actor: Actor, space: SpaceResource) {
  const standings = space.standings.filter(
    (standing) => standing.status !== "declined" && standing.status !== "left",
  );
  const organisationIds = standings.map((standing) => standing.organisationId);
  const [organisations, promises, delegates, requests, invitations] = await Promise.all([
    db().organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } }),
    db().spacePromise.findMany({
      where: { spaceId: space.spaceId },
      select: { level: true, expectation: true, decisionMaker: true, feedbackDays: true },
    }),
    db().spaceDelegate.findMany({
      where: { spaceId: space.spaceId, organisationId: { in: organisationIds } },
      select: { organisationId: true, personId: true, isLead: true, person: { select: { name: true } } },
      orderBy: [{ isLead: "desc" }, { person: { name: "asc" } }],
    }),
    db().levelRequest.findMany({
      where: { spaceId: space.spaceId, organisationId: { in: organisationIds }, status: "pending" },
      select: { organisationId: true, requestedLevel: true, reason: true, createdAt: true },
    }),
    db().levelChange.findMany({
      where: { spaceId: space.spaceId, organisationId: { in: organisationIds }, kind: "invited" },
      select: { organisationId: true, rationale: true, changedBy: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return Promise.all(
    standings.map(async (standing) => {
      const resource = { ...space, organisationId: standing.organisationId };
      const mayNameDelegates = can(actor, "space.name-delegates", resource);
      const members = mayNameDelegates
        ? await db().membership.findMany({
            where: { organisationId: standing.organisationId },
            select: { personId: true, person: { select: { name: true } } },
            orderBy: [{ person: { name: "asc" } }, { personId: "asc" }],
            take: participationPageSize,
          })
        : [];
      const invitation = invitations.find(
        (candidate) => candidate.organisationId === standing.organisationId,
      );
      return {
        organisationId: standing.organisationId,
        name: organisations.find((organisation) => organisation.id === standing.organisationId)?.name ?? "",
        role: standing.role,
        level: standing.level,
        status: standing.status,
        promise: promises.find((promise) => promise.level === standing.level) ?? null,
        invitation:
          standing.status === "invited" && invitation
            ? { message: invitation.rationale, invitedBy: invitation.changedBy.name }
            : null,
        delegates: delegates
          .filter((delegate) => delegate.organisationId === standing.organisationId)
          .map((delegate) => ({
            personId: delegate.personId,
            name: delegate.person.name,
            isLead: delegate.isLead,
          })),
        pendingRequest:
          requests.find((request) => request.organisationId === standing.organisationId) ?? null,
        members: members.map((member) => ({ personId: member.personId, name: member.person.name })),
        may: {
          respond: can(actor, "space.respond-invitation", resource),
          nameDelegates: mayNameDelegates,
          requestLevel: can(actor, "space.request-level", resource),
          leave: can(actor, "space.leave", resource),
        },
      };
    }),
  );
}
