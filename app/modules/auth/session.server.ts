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

type ActorWithCookie = { actor: Actor; refreshedCookie: string | null };

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

export async function getActor(request: Request): Promise<Actor | null> {
  return (await getActorWithCookie(request))?.actor ?? null;
}

export async function loadActor(token: string | null): Promise<ActorWithCookie | null> {
  if (!token) return null;
  const { session, user } = await lucia().validateSession(token);
  if (!session || !user) return null;
  const actor: Actor = {
    personId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    sessionId: storedSessionId(session.id),
    memberships: await membershipsOf(user.id),
  };
  const refreshedCookie = session.fresh ? lucia().createSessionCookie(session.id).serialize() : null;
  return { actor, refreshedCookie };
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
