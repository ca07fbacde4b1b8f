import { describe, expect, it } from "vitest";
import { actorForPerson } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { actions, can } from "~/modules/authorization/can";
import {
  consultationRules,
  type ConsultationAction,
  type ConsultationResource,
} from "~/modules/consultations/policy";
import { loadSpaceResource, requireSpace } from "~/modules/spaces/access.server";
import {
  spaceRules,
  type PersonRole,
  type SpaceAction,
  type SpaceResource,
  type SpaceStanding,
} from "~/modules/spaces/policy";
import { addMember, createPerson } from "../prisma/factories/people";
import { addDelegate, createConvenedSpace, createParticipantOrganisation } from "../prisma/factories/spaces";

/*
 * The expectation tables below are written from issue 3, the hardening issue (a removed organisation answers
 * nothing; convener powers by role), ADR 0011 and DESIGN.md ("The engagement spectrum"), not from spaceRules
 * or consultationRules: the exhaustive cases compare what can() decides with what the product promises.
 */

const levelOrder = ["INFORM", "CONSULT", "INVOLVE", "COLLABORATE", "EMPOWER"] as const;
type LevelName = (typeof levelOrder)[number];
const atOrAbove = (level: LevelName, minimum: LevelName) =>
  levelOrder.indexOf(level) >= levelOrder.indexOf(minimum);

type Standing =
  | { kind: "none" }
  | { kind: "convener"; status: "active" | "left" }
  | { kind: "participant"; level: LevelName; status: "active" | "invited" | "declined" | "left" };

type RoleSet = "admin" | "lead delegate" | "delegate" | "member";

/** What each kind of person holds in their organisation, as loadSpaceResource builds it. */
const personRolesOf: Record<RoleSet, PersonRole[]> = {
  admin: ["member", "admin"],
  "lead delegate": ["member", "delegate", "lead-delegate"],
  delegate: ["member", "delegate"],
  member: ["member"],
};

/*
 * What a convening organisation's people may do (ADR 0011). Its admins and the delegates it names for the
 * space — the space's focal points — decide who takes part and at what level, the promise and the conveners;
 * everyone in it reads everything and does the everyday work. Only its admin names its delegates.
 */
const convenerLeads: RoleSet[] = ["admin", "lead delegate", "delegate"];
const everyoneInIt: RoleSet[] = ["admin", "lead delegate", "delegate", "member"];
const convenerExpectations: Record<string, RoleSet[]> = {
  "space.view": everyoneInIt,
  "space.watch": everyoneInIt,
  "space.read-updates": everyoneInIt,
  "space.view-participants": everyoneInIt,
  "space.view-invitations": everyoneInIt,
  "space.view-concerns": everyoneInIt,
  "space.publish-update": everyoneInIt,
  "space.answer-concern": everyoneInIt,
  "space.mark-duplicate-concern": everyoneInIt,
  "space.view-audit": everyoneInIt,
  "space.edit": convenerLeads,
  "space.set-promise": convenerLeads,
  "space.invite-organisation": convenerLeads,
  "space.change-level": convenerLeads,
  "space.decide-level-request": convenerLeads,
  "space.manage-conveners": convenerLeads,
  "space.name-delegates": ["admin"],
  // Action plans (issue 10): conveners do everything; adoption commits the convening organisation, so its
  // leads adopt; a co-signature is an explicit act of an organisation's admin or lead delegate.
  "plan.view": everyoneInIt,
  "plan.comment-draft": everyoneInIt,
  "plan.edit": everyoneInIt,
  "plan.hold-action": everyoneInIt,
  "plan.report-progress": everyoneInIt,
  "plan.review-report": everyoneInIt,
  "plan.adopt": convenerLeads,
  "plan.co-sign": ["admin", "lead delegate"],
  // Channels (issue 11): every convener reads and posts; its leads open topic channels and moderate.
  "space.read-channel": everyoneInIt,
  "space.post-message": everyoneInIt,
  "space.open-channel": convenerLeads,
  "space.moderate-channel": convenerLeads,
  // What only a participant organisation does.
  "plan.decide-delegated": [],
  "space.raise-concern": [],
  "space.amend-concern": [],
  "space.request-level": [],
  "space.respond-invitation": [],
  "space.leave": [],
};

type Expectation = (participant: { level: LevelName; status: string; role: RoleSet }) => boolean;
const acting = (role: RoleSet, ...allowed: RoleSet[]) => allowed.includes(role);

/** What a participant organisation's person may do, action by action (conveners are handled below). */
const participantExpectations: Record<string, Expectation> = {
  // INFORM and above: everyone in the organisation reads the space; an invited organisation sees the space
  // it is invited to (to decide), but not its updates, participants or concerns until it joins.
  "space.view": ({ status }) => status === "active" || status === "invited",
  "space.watch": ({ status }) => status === "active",
  "space.read-updates": ({ status }) => status === "active",
  "space.view-participants": ({ status }) => status === "active",
  "space.view-concerns": ({ status }) => status === "active",
  // INVOLVE and above: delegates (and admins) raise concerns the conveners must answer.
  "space.raise-concern": ({ level, status, role }) =>
    status === "active" && atOrAbove(level, "INVOLVE") && acting(role, "admin", "lead delegate", "delegate"),
  // The same people edit or withdraw their organisation's concern while it waits (the command checks whose).
  "space.amend-concern": ({ level, status, role }) =>
    status === "active" && atOrAbove(level, "INVOLVE") && acting(role, "admin", "lead delegate", "delegate"),
  // INVOLVE and above: delegates (and admins) take part in the channel; INFORM and CONSULT do not see it.
  "space.read-channel": ({ level, status, role }) =>
    status === "active" && atOrAbove(level, "INVOLVE") && acting(role, "admin", "lead delegate", "delegate"),
  "space.post-message": ({ level, status, role }) =>
    status === "active" && atOrAbove(level, "INVOLVE") && acting(role, "admin", "lead delegate", "delegate"),
  "space.request-level": ({ status, role }) => status === "active" && acting(role, "admin", "lead delegate"),
  "space.respond-invitation": ({ status, role }) => status === "invited" && acting(role, "admin"),
  "space.name-delegates": ({ status, role }) =>
    (status === "active" || status === "invited") && acting(role, "admin"),
  "space.leave": ({ status, role }) => status === "active" && acting(role, "admin"),
  // Action plans (issue 10): INFORM and CONSULT read the plan; INVOLVE also comments on drafts; COLLABORATE drafts it, leads and
  // partners on actions and reports progress (people who act for the organisation), and co-signs (its admin
  // or lead delegate); EMPOWER holds delegated decisions on the actions it leads.
  "plan.view": ({ status }) => status === "active",
  "plan.comment-draft": ({ level, status, role }) =>
    status === "active" && atOrAbove(level, "INVOLVE") && acting(role, "admin", "lead delegate", "delegate"),
  "plan.edit": ({ level, status, role }) =>
    status === "active" &&
    atOrAbove(level, "COLLABORATE") &&
    acting(role, "admin", "lead delegate", "delegate"),
  "plan.hold-action": ({ level, status }) => status === "active" && atOrAbove(level, "COLLABORATE"),
  "plan.report-progress": ({ level, status, role }) =>
    status === "active" &&
    atOrAbove(level, "COLLABORATE") &&
    acting(role, "admin", "lead delegate", "delegate"),
  "plan.co-sign": ({ level, status, role }) =>
    status === "active" && atOrAbove(level, "COLLABORATE") && acting(role, "admin", "lead delegate"),
  "plan.decide-delegated": ({ level, status, role }) =>
    status === "active" && level === "EMPOWER" && acting(role, "admin", "lead delegate", "delegate"),
  ...Object.fromEntries(
    [
      "space.view-invitations",
      "space.edit",
      "space.set-promise",
      "space.invite-organisation",
      "space.change-level",
      "space.decide-level-request",
      "space.manage-conveners",
      "space.publish-update",
      "space.answer-concern",
      "space.mark-duplicate-concern",
      "space.view-audit",
      "plan.review-report",
      "plan.adopt",
      "space.open-channel",
      "space.moderate-channel",
    ].map((action) => [action, () => false]),
  ),
};

function expected(action: string, standing: Standing, role: RoleSet): boolean {
  switch (standing.kind) {
    case "none":
      return false;
    case "convener": {
      const allowed = convenerExpectations[action];
      if (!allowed) throw new Error(`no convener expectation written for ${action}`);
      return standing.status === "active" && allowed.includes(role);
    }
    case "participant": {
      const expectation = participantExpectations[action];
      if (!expectation) throw new Error(`no expectation written for ${action}`);
      return expectation({ level: standing.level, status: standing.status, role });
    }
  }
}

const standings: Standing[] = [
  { kind: "convener", status: "active" },
  { kind: "convener", status: "left" },
  ...levelOrder.flatMap((level) =>
    (["active", "invited", "declined", "left"] as const).map((status): Standing => ({
      kind: "participant",
      level,
      status,
    })),
  ),
  { kind: "none" },
];
const roleSets: RoleSet[] = ["admin", "lead delegate", "delegate", "member"];

const describeStanding = (standing: Standing) =>
  standing.kind === "none"
    ? "no standing in the space"
    : standing.kind === "convener"
      ? `convener (${standing.status})`
      : `participant at ${standing.level} (${standing.status})`;

const actor: Actor = {
  personId: "person-1",
  name: "Test Person",
  email: "person@example.org",
  locale: null,
  isPlatformAdmin: false,
  sessionId: "",
  memberships: [],
};

function resourceFor(standing: Standing, role: RoleSet): SpaceResource {
  if (standing.kind === "none") return { spaceId: "space-1", standings: [] };
  const own: SpaceStanding = {
    organisationId: "organisation-1",
    role: standing.kind,
    level: standing.kind === "participant" ? standing.level : null,
    status: standing.status,
    personRoles: personRolesOf[role],
  };
  return { spaceId: "space-1", standings: [own] };
}

const spaceActions = Object.keys(spaceRules) as SpaceAction[];

describe("the expectation table", () => {
  it("covers every action of the space matrix, and each is one can() decides", () => {
    expect([...spaceActions].sort()).toEqual(Object.keys(participantExpectations).sort());
    expect([...spaceActions].sort()).toEqual(Object.keys(convenerExpectations).sort());
    expect(actions).toEqual(expect.arrayContaining(spaceActions));
  });
});

describe.each(spaceActions)("%s", (action) => {
  describe.each(standings.map((standing) => [describeStanding(standing), standing] as const))(
    "for a %s",
    (_name, standing) => {
      it.each(roleSets.map((role) => ({ role, allowed: expected(action, standing, role) })))(
        "a person who is $role: allowed = $allowed",
        ({ role, allowed }) => {
          expect(can(actor, action, resourceFor(standing, role))).toBe(allowed);
          expect(
            can(actor, action, { ...resourceFor(standing, role), organisationId: "organisation-1" }),
          ).toBe(allowed);
        },
      );
    },
  );
});

// ——— Consultations ————————————————————————————————————————————————————————————————————————————————

const consultationStatuses = ["draft", "open", "closed", "published"] as const;
type ConsultationStatusName = (typeof consultationStatuses)[number];
/** The consultation's audience, as it concerns the actor's organisation. */
const audiences = ["participants", "chosen, including us", "chosen, not us", "public"] as const;
type AudienceCase = (typeof audiences)[number];

/*
 * What the product promises of consultations: conveners draft, review, and (their leads) open, close and
 * publish feedback; participants at CONSULT and above answer while it is open — members draft, the lead
 * delegate or an admin submits — and a "chosen" audience narrows them to the chosen organisations, never
 * letting in one that is not taking part (removed, gone, declined, only invited) or below CONSULT; anyone
 * reads a public consultation once open and any verified organisation answers it; active participants at any
 * level read the space's consultations once open.
 */
function expectedOnConsultation(
  action: ConsultationAction,
  standing: Standing,
  role: RoleSet,
  status: ConsultationStatusName,
  audience: AudienceCase,
): boolean {
  const convening = standing.kind === "convener" && standing.status === "active";
  const takingPart = standing.kind === "participant" && standing.status === "active";
  const consulted = takingPart && atOrAbove(standing.level, "CONSULT") && audience !== "chosen, not us";
  const publicly = audience === "public";
  // An organisation with no place in the space has no delegates there: only its admins submit for it.
  const submitter = standing.kind === "none" ? role === "admin" : acting(role, "admin", "lead delegate");
  switch (action) {
    case "consultation.view":
      return convening || (status !== "draft" && (takingPart || publicly));
    case "consultation.build":
    case "consultation.review":
      return convening;
    case "consultation.open":
    case "consultation.publish-feedback":
      return convening && convenerLeads.includes(role);
    case "consultation.draft":
      return status === "open" && (consulted || publicly);
    case "consultation.submit":
      return status === "open" && (consulted || publicly) && submitter;
  }
}

function consultationFor(
  standing: Standing,
  role: RoleSet,
  status: ConsultationStatusName,
  audience: AudienceCase,
): ConsultationResource {
  const space = resourceFor(standing, role);
  return {
    space,
    status,
    audience: audience.startsWith("chosen") ? "chosen" : (audience as "participants" | "public"),
    chosenOrganisationIds:
      audience === "chosen, including us" ? ["organisation-1", "organisation-2"] : ["organisation-2"],
    // Outside the space a person is their organisation's admin or member, never a delegate.
    actorOrganisations: [
      {
        organisationId: "organisation-1",
        personRoles: space.standings[0]?.personRoles ?? (role === "admin" ? ["member", "admin"] : ["member"]),
      },
    ],
  };
}

const consultationActions = Object.keys(consultationRules) as ConsultationAction[];

describe("the consultation expectations", () => {
  it("cover every consultation action, and each is one can() decides", () => {
    expect(actions).toEqual(expect.arrayContaining(consultationActions));
    expect(consultationActions.sort()).toEqual(
      [
        "consultation.build",
        "consultation.draft",
        "consultation.open",
        "consultation.publish-feedback",
        "consultation.review",
        "consultation.submit",
        "consultation.view",
      ].sort(),
    );
  });
});

describe.each(consultationActions)("%s", (action) => {
  it.each(standings.map((standing) => [describeStanding(standing), standing] as const))(
    "for a %s, in every role, consultation status and audience",
    (_name, standing) => {
      const wrong: string[] = [];
      for (const role of roleSets)
        for (const status of consultationStatuses)
          for (const audience of audiences) {
            const allowed = expectedOnConsultation(action, standing, role, status, audience);
            const resource = consultationFor(standing, role, status, audience);
            if (can(actor, action, resource) !== allowed)
              wrong.push(`${role}, ${status}, ${audience}: expected ${allowed}`);
            if (can(actor, action, { ...resource, organisationId: "organisation-1" }) !== allowed)
              wrong.push(`${role}, ${status}, ${audience}, for organisation-1: expected ${allowed}`);
            if (can(actor, action, { ...resource, organisationId: "organisation-2" }))
              wrong.push(`${role}, ${status}, ${audience}, for an organisation not theirs: allowed`);
          }
      expect(wrong).toEqual([]);
    },
  );

  it("is refused to no one signed in, but reading a public consultation once open", () => {
    for (const status of consultationStatuses)
      for (const audience of audiences)
        expect(can(null, action, consultationFor({ kind: "none" }, "member", status, audience))).toBe(
          action === "consultation.view" && audience === "public" && status !== "draft",
        );
  });
});

describe("acting for one organisation", () => {
  const ownStanding = (organisationId: string, overrides: Partial<SpaceStanding>): SpaceStanding => ({
    organisationId,
    role: "participant",
    level: "INFORM",
    status: "active",
    personRoles: ["member"],
    ...overrides,
  });
  const space: SpaceResource = {
    spaceId: "space-1",
    standings: [
      ownStanding("at-inform", { personRoles: ["member", "admin"] }),
      ownStanding("at-involve", { level: "INVOLVE", personRoles: ["member", "delegate"] }),
      ownStanding("convening", { role: "convener", level: null }),
    ],
  };

  it("is refused for an organisation where the person may not act, though another of theirs could", () => {
    expect(can(actor, "space.raise-concern", space)).toBe(true);
    expect(can(actor, "space.raise-concern", { ...space, organisationId: "at-involve" })).toBe(true);
    expect(can(actor, "space.raise-concern", { ...space, organisationId: "at-inform" })).toBe(false);
    expect(can(actor, "space.leave", { ...space, organisationId: "at-inform" })).toBe(true);
    expect(can(actor, "space.leave", { ...space, organisationId: "at-involve" })).toBe(false);
    expect(can(actor, "space.publish-update", { ...space, organisationId: "convening" })).toBe(true);
    expect(can(actor, "space.publish-update", { ...space, organisationId: "at-involve" })).toBe(false);
  });

  it("is refused for an organisation with no standing in the space at all", () => {
    for (const action of spaceActions)
      expect(can(actor, action, { ...space, organisationId: "elsewhere" }), action).toBe(false);
  });

  it("is refused to no one signed in", () => {
    for (const action of spaceActions) expect(can(null, action, space), action).toBe(false);
  });
});

describe("standings from the database", () => {
  it("gives a verified organisation's people their standing and roles", async () => {
    const { space } = await createConvenedSpace();
    const { organisation, admin } = await createParticipantOrganisation(space.id, "INVOLVE");
    const delegate = await createPerson();
    await addMember(delegate.id, organisation.id);
    await addDelegate(space.id, organisation.id, delegate.id);

    const adminResource = await loadSpaceResource((await actorForPerson(admin.id))!, space.id);
    expect(adminResource?.standings).toEqual([
      {
        organisationId: organisation.id,
        role: "participant",
        level: "INVOLVE",
        status: "active",
        personRoles: ["member", "admin", "delegate", "lead-delegate"],
      },
    ]);
    const delegateActor = (await actorForPerson(delegate.id))!;
    const delegateResource = await loadSpaceResource(delegateActor, space.id);
    expect(delegateResource?.standings[0]?.personRoles).toEqual(["member", "delegate"]);
    expect(can(delegateActor, "space.raise-concern", delegateResource!)).toBe(true);
    expect(can(delegateActor, "space.leave", delegateResource!)).toBe(false);
  });

  it.each(["pending", "rejected"] as const)(
    "never gives a %s organisation a standing, so its people cannot see the space",
    async (verificationStatus) => {
      const { space } = await createConvenedSpace();
      const { admin } = await createParticipantOrganisation(space.id, "EMPOWER", {
        organisation: { verificationStatus },
      });
      const unverified = (await actorForPerson(admin.id))!;
      const resource = await loadSpaceResource(unverified, space.id);
      expect(resource).toEqual({ spaceId: space.id, standings: [] });
      for (const action of spaceActions) expect(can(unverified, action, resource!), action).toBe(false);
      await expect(requireSpace(unverified, space.id, "space.view")).rejects.toMatchObject({ status: 404 });
    },
  );

  it("never gives an unverified convening organisation a standing either", async () => {
    const { space, focalPoint } = await createConvenedSpace({ convener: { verificationStatus: "pending" } });
    const convener = (await actorForPerson(focalPoint.id))!;
    expect((await loadSpaceResource(convener, space.id))?.standings).toEqual([]);
    await expect(requireSpace(convener, space.id, "space.view-audit")).rejects.toMatchObject({ status: 404 });
  });

  it("answers 404 for a space that does not exist and 403 for an action a viewer may not take", async () => {
    const { space } = await createConvenedSpace();
    const { admin } = await createParticipantOrganisation(space.id, "CONSULT");
    const participant = (await actorForPerson(admin.id))!;
    expect(await loadSpaceResource(participant, "no-such-space")).toBeNull();
    await expect(requireSpace(participant, "no-such-space", "space.view")).rejects.toMatchObject({
      status: 404,
    });
    await expect(requireSpace(participant, space.id, "space.raise-concern")).rejects.toMatchObject({
      status: 403,
    });
    await expect(requireSpace(participant, space.id, "space.request-level")).resolves.toMatchObject({
      spaceId: space.id,
    });
  });
});
