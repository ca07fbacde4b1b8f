import { createHash } from "node:crypto";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { db } from "~/utils/db.server";
import { isSecureOrigin } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";

type SessionRow = {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  userAgent: string;
  ipAddress: string;
};
type PersonRow = { id: string; email: string; name: string; locale: string | null; isPlatformAdmin: boolean };

const personColumns = { id: true, email: true, name: true, locale: true, isPlatformAdmin: true } as const;

/**
 * The id the Session table keeps: the SHA-256 of the secret in the cookie (lucia's "session id", called the
 * token here), never the secret itself, so a copy of the database signs nobody in (ADR 0009).
 */
export function storedSessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function toDatabaseSession(row: SessionRow): DatabaseSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { userAgent: row.userAgent, ipAddress: row.ipAddress },
  };
}

function toDatabaseUser(row: PersonRow): DatabaseUser {
  const { id, ...attributes } = row;
  return { id, attributes };
}

/**
 * lucia's adapter for Prisma supports Prisma ≤ 5 only; these seven methods are all it needs (ADR 0003).
 * lucia hands it the token and gets the token back as the session's id; only the table holds the hash.
 */
class PrismaSessionAdapter implements Adapter {
  async getSessionAndUser(token: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await db().session.findUnique({
      where: { id: storedSessionId(token) },
      include: { person: { select: personColumns } },
    });
    if (!row) return [null, null];
    const { person, ...session } = row;
    return [{ ...toDatabaseSession(session), id: token }, toDatabaseUser(person)];
  }

  /** Concord lists sessions itself (sessions.server.ts); the ids here are the stored ones. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await db().session.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await db().session.create({
      data: {
        id: storedSessionId(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt,
        userAgent: session.attributes.userAgent.slice(0, 300),
        ipAddress: session.attributes.ipAddress.slice(0, 64),
      },
    });
  }

  async updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    await db().session.updateMany({ where: { id: storedSessionId(token) }, data: { expiresAt } });
  }

  async deleteSession(token: string): Promise<void> {
    await db().session.deleteMany({ where: { id: storedSessionId(token) } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await db().session.deleteMany({ where: { userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    await db().session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}

function createLucia() {
  return new Lucia(new PrismaSessionAdapter(), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: "concord_session",
      attributes: { secure: isSecureOrigin(), sameSite: "lax" },
    },
    getUserAttributes: (attributes) => attributes,
    getSessionAttributes: (attributes) => attributes,
  });
}

export function lucia() {
  return singleton("lucia", createLucia);
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: Omit<PersonRow, "id">;
    DatabaseSessionAttributes: { userAgent: string; ipAddress: string };
  }
}
