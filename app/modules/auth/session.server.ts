import { redirect } from "@remix-run/node";
import type {
  Actor,
  ActorMembership,
  OrganisationRole,
  VerificationStatus,
} from "~/modules/authorization/actor";
import { db } from "~/utils/db.server";
import { noteSignedInPerson, oncePerRequest } from "~/utils/request-scope.server";
import { lucia, storedSessionId } from "./lucia.server";
import { confirmEmailPath } from "./schema";

/** `emailConfirmed`: whether the person has proved they read mail at their address (ADR 0012). */
type ActorWithCookie = { actor: Actor; refreshedCookie: string | null; emailConfirmed: boolean };

/** Where a signed-in person whose address is not confirmed yet is sent from every other page. */

/** The secret the session cookie carries (the database keeps only its hash, `storedSessionId`). */
export function sessionTokenFromCookieHeader(cookieHeader: string | null | undefined): string | null {
  return lucia().readSessionCookie(cookieHeader ?? "");
}

/** The signed-in person of this request, or null. Loads once per request. */
export async function getActorWithCookie(request: Request): Promise<ActorWithCookie | null> {
  const token = sessionTokenFromCookieHeader(request.headers.get("Cookie"));
  return oncePerRequest(`actor:${token}`, async () => {
    const signedIn = await loadActor(token);
    if (signedIn) noteSignedInPerson(signedIn.actor.personId);
    return signedIn;
  });
}

/**
 * The signed-in person of this request, or null. Someone who has not confirmed their address yet is sent
 * to confirm it, from any page and from any action, which is then not carried out: this is the one check.
 */
export async function getActor(request: Request): Promise<Actor | null> {
  const signedIn = await getActorWithCookie(request);
  if (signedIn && !signedIn.emailConfirmed) throw redirect(confirmEmailPath);
  return signedIn?.actor ?? null;
}

/**
 * The signed-in person even before they confirmed their address, for the few pages they may use:
 * confirming it or asking for a new link, an invitation link (which proves it too), signing out, language.
 */
export async function getActorBeforeConfirmation(request: Request): Promise<Actor | null> {
  return (await getActorWithCookie(request))?.actor ?? null;
}

export async function loadActor(token: string | null): Promise<ActorWithCookie | null> {
  if (!token) return null;
  const { session, user } = await lucia().validateSession(token);
  if (!session || !user) return null;
  const [memberships, confirmation] = await Promise.all([
    membershipsOf(user.id),
    db().person.findUnique({ where: { id: user.id }, select: { emailConfirmedAt: true } }),
  ]);
  const actor: Actor = {
    personId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionId: storedSessionId(session.id),
    memberships,
  };
  const refreshedCookie = session.fresh ? lucia().createSessionCookie(session.id).serialize() : null;
  return { actor, refreshedCookie, emailConfirmed: Boolean(confirmation?.emailConfirmedAt) };
}

export async function membershipsOf(personId: string): Promise<ActorMembership[]> {
  const memberships = await db().membership.findMany({
    where: { personId },
    include: { organisation: { select: { name: true, verificationStatus: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
  return memberships.map((membership) => ({
    organisationId: membership.organisationId,
    organisationName: membership.organisation.name,
    organisationStatus: membership.organisation.verificationStatus as VerificationStatus,
    role: membership.role as OrganisationRole,
    isFocalPoint: membership.isFocalPoint,
  }));
}

/** The person as an actor outside any request (sockets re-checking their rooms), or null if they are gone. */
export async function actorForPerson(personId: string): Promise<Actor | null> {
  const person = await db().person.findUnique({ where: { id: personId } });
  if (!person) return null;
  const { id, name, email, locale, isPlatformAdmin } = person;
  return {
    personId: id,
    name,
    email,
    locale,
    isPlatformAdmin,
    sessionId: "",
    memberships: await membershipsOf(id),
  };
}

/** The signed-in person; anyone else is sent to sign in, and someone unconfirmed to confirm (getActor). */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return actor;
}

type Client = { userAgent: string; ipAddress: string };

/** A new session for the person: its stored id, and the cookie that carries its secret. */
export async function openSession(personId: string, client: Client) {
  const session = await lucia().createSession(personId, client);
  return {
    sessionId: storedSessionId(session.id),
    cookie: lucia().createSessionCookie(session.id).serialize(),
  };
}

export async function createSessionCookie(personId: string, client: Client): Promise<string> {
  return (await openSession(personId, client)).cookie;
}

/** Ends a session by its stored id. */
export async function deleteSession(sessionId: string) {
  await db().session.deleteMany({ where: { id: sessionId } });
}

export function blankSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}
