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

/** lucia's adapter for Prisma supports Prisma ≤ 5 only; these seven methods are all it needs (ADR 0003). */
class PrismaSessionAdapter implements Adapter {
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await db().session.findUnique({
      where: { id: sessionId },
      include: { person: { select: personColumns } },
    });
    if (!row) return [null, null];
    const { person, ...session } = row;
    return [toDatabaseSession(session), toDatabaseUser(person)];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await db().session.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await db().session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        userAgent: session.attributes.userAgent.slice(0, 300),
        ipAddress: session.attributes.ipAddress.slice(0, 64),
      },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await db().session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await db().session.deleteMany({ where: { id: sessionId } });
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
