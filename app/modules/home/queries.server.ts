import type { Actor } from "~/modules/authorization/actor";
import { consultationsOpenTo } from "~/modules/consultations/audience.server";
import { db } from "~/utils/db.server";

/** Something that waits for the person, with the date that makes it urgent and where it is done. */
export type WaitingItem =
  | {
      kind: "consultation-to-answer";
      key: string;
      link: string;
      spaceTitle: string;
      title: string;
      organisationName: string;
      dueAt: string;
      draft:
        { state: "not-started" } | { state: "draft"; savedAt: string } | { state: "submitted"; at: string };
    }
  | {
      kind: "space-invitation";
      key: string;
      link: string;
      spaceTitle: string;
      organisationName: string;
      since: string;
      level: string | null;
    }
  | { kind: "level-requests"; key: string; link: string; spaceTitle: string; count: number; since: string }
  | { kind: "concerns-waiting"; key: string; link: string; spaceTitle: string; count: number; since: string }
  | {
      kind: "feedback-due";
      key: string;
      link: string;
      spaceTitle: string;
      title: string;
      dueAt: string;
      unanswered: number;
      overdue: boolean;
    };

/** A convened space at a glance: what is waiting in it. */
export type SpaceHealth = {
  spaceId: string;
  title: string;
  unansweredInputs: number;
  concernsWaiting: number;
  overdueFeedback: number;
};

export type WhatNeedsYou = {
  items: WaitingItem[];
  convened: SpaceHealth[];
  unreadNotifications: number;
};

/** When a consultation's feedback is within this many days, it waits for its conveners. */
const feedbackSoonDays = 14;
const dayMs = 24 * 60 * 60 * 1000;

const urgency = (item: WaitingItem) => ("dueAt" in item ? item.dueAt : "since" in item ? item.since : "");

/**
 * What waits for the person across their verified organisations and the spaces these take part in or convene,
 * most urgent first: the earliest deadline or the longest wait on top. Only active places count, so an
 * organisation removed from a space sees nothing of it here.
 */
export async function whatNeedsYou(actor: Actor, now = new Date()): Promise<WhatNeedsYou> {
  const verified = actor.memberships.filter((membership) => membership.organisationStatus === "verified");
  const organisationIds = verified.map((membership) => membership.organisationId);
  const adminOf = verified.filter((membership) => membership.role === "admin").map((m) => m.organisationId);

  const [toAnswer, invitations, convenedSpaces, unreadNotifications] = await Promise.all([
    consultationsToAnswer(organisationIds),
    db().spaceParticipant.findMany({
      where: { organisationId: { in: adminOf }, role: "participant", status: "invited" },
      select: {
        id: true,
        level: true,
        createdAt: true,
        organisation: { select: { name: true } },
        space: { select: { id: true, title: true } },
      },
    }),
    db().spaceParticipant.findMany({
      where: { organisationId: { in: organisationIds }, role: "convener", status: "active" },
      distinct: ["spaceId"],
      select: { space: { select: { id: true, title: true } } },
    }),
    db().notification.count({ where: { personId: actor.personId, readAt: null } }),
  ]);

  const spaces = convenedSpaces.map(({ space }) => space);
  const convening = await convenerWork(spaces, now);

  const items: WaitingItem[] = [
    ...toAnswer,
    ...invitations.map((invitation): WaitingItem => ({
      kind: "space-invitation",
      key: `invitation-${invitation.id}`,
      link: `/spaces/${invitation.space.id}/participation`,
      spaceTitle: invitation.space.title,
      organisationName: invitation.organisation.name,
      since: invitation.createdAt.toISOString(),
      level: invitation.level,
    })),
    ...convening.items,
  ].sort((a, b) => urgency(a).localeCompare(urgency(b)));

  return { items, convened: convening.health, unreadNotifications };
}

async function consultationsToAnswer(organisationIds: string[]): Promise<WaitingItem[]> {
  const perOrganisation = await Promise.all(
    organisationIds.map(async (organisationId) => {
      const consultations = await db().consultation.findMany({
        where: { status: "open", ...consultationsOpenTo(organisationId) },
        orderBy: [{ closesAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          closesAt: true,
          space: { select: { title: true } },
          submissions: {
            where: { organisationId, isAggregated: false },
            select: {
              status: true,
              updatedAt: true,
              submittedAt: true,
              organisation: { select: { name: true } },
            },
          },
        },
      });
      const organisation = await db().organisation.findUniqueOrThrow({
        where: { id: organisationId },
        select: { name: true },
      });
      return consultations.map((consultation): WaitingItem => {
        const submission = consultation.submissions[0];
        return {
          kind: "consultation-to-answer",
          key: `consultation-${consultation.id}-${organisationId}`,
          link: `/consultations/${consultation.id}/respond`,
          spaceTitle: consultation.space.title,
          title: consultation.title,
          organisationName: organisation.name,
          dueAt: consultation.closesAt.toISOString(),
          draft: !submission
            ? { state: "not-started" }
            : submission.status === "submitted" && submission.submittedAt
              ? { state: "submitted", at: submission.submittedAt.toISOString() }
              : { state: "draft", savedAt: submission.updatedAt.toISOString() },
        };
      });
    }),
  );
  return perOrganisation.flat();
}

async function convenerWork(spaces: Array<{ id: string; title: string }>, now: Date) {
  const spaceIds = spaces.map((space) => space.id);
  const feedbackHorizon = new Date(now.getTime() + feedbackSoonDays * dayMs);
  const [requests, concerns, consultations] = await Promise.all([
    db().levelRequest.groupBy({
      by: ["spaceId"],
      where: { spaceId: { in: spaceIds }, status: "pending" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    db().concern.groupBy({
      by: ["spaceId"],
      where: { spaceId: { in: spaceIds }, status: "open" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    db().consultation.findMany({
      where: { spaceId: { in: spaceIds }, status: { in: ["open", "closed"] } },
      select: {
        id: true,
        spaceId: true,
        title: true,
        feedbackDueAt: true,
        _count: { select: { submissions: { where: { status: "submitted", responseId: null } } } },
      },
    }),
  ]);
  const titleOf = (spaceId: string) => spaces.find((space) => space.id === spaceId)?.title ?? "";
  const items: WaitingItem[] = [
    ...requests.map((row): WaitingItem => ({
      kind: "level-requests",
      key: `level-requests-${row.spaceId}`,
      link: `/spaces/${row.spaceId}/levels`,
      spaceTitle: titleOf(row.spaceId),
      count: row._count._all,
      since: row._min.createdAt!.toISOString(),
    })),
    ...concerns.map((row): WaitingItem => ({
      kind: "concerns-waiting",
      key: `concerns-${row.spaceId}`,
      link: `/spaces/${row.spaceId}/concerns`,
      spaceTitle: titleOf(row.spaceId),
      count: row._count._all,
      since: row._min.createdAt!.toISOString(),
    })),
    ...consultations
      .filter(
        (consultation) =>
          consultation._count.submissions > 0 && consultation.feedbackDueAt <= feedbackHorizon,
      )
      .map((consultation): WaitingItem => ({
        kind: "feedback-due",
        key: `feedback-${consultation.id}`,
        link: `/consultations/${consultation.id}/review`,
        spaceTitle: titleOf(consultation.spaceId),
        title: consultation.title,
        dueAt: consultation.feedbackDueAt.toISOString(),
        unanswered: consultation._count.submissions,
        overdue: consultation.feedbackDueAt < now,
      })),
  ];
  const health = spaces.map((space): SpaceHealth => {
    const inSpace = consultations.filter((consultation) => consultation.spaceId === space.id);
    return {
      spaceId: space.id,
      title: space.title,
      unansweredInputs: inSpace.reduce((sum, consultation) => sum + consultation._count.submissions, 0),
      concernsWaiting: concerns.find((row) => row.spaceId === space.id)?._count._all ?? 0,
      overdueFeedback: inSpace.filter(
        (consultation) => consultation.feedbackDueAt < now && consultation._count.submissions > 0,
      ).length,
    };
  });
  return { items, health };
}
