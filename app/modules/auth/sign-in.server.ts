import { recordAudit } from "~/modules/audit/record.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { createSessionCookie } from "./session.server";
import { verifyAgainstDecoy, verifyPassword } from "./password.server";
import { clearFailedSignIns, recordFailedSignIn, signInWaitSeconds } from "./rate-limit.server";

type SignInInput = { email: string; password: string; ipAddress: string; userAgent: string };

/** Checks the password and opens a session. Wrong password and unknown email get the same answer. */
export async function signIn({
  email,
  password,
  ipAddress,
  userAgent,
}: SignInInput): Promise<{ cookie: string }> {
  const waitSeconds = await signInWaitSeconds(email, ipAddress);
  if (waitSeconds > 0) {
    throw new DomainError("auth.tooManyAttempts", undefined, { minutes: Math.ceil(waitSeconds / 60) });
  }
  const person = await db().person.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = person
    ? await verifyPassword(person.passwordHash, password)
    : await verifyAgainstDecoy(password);
  if (!person || !valid) {
    await recordFailedSignIn(email, ipAddress);
    throw new DomainError("auth.invalidCredentials");
  }
  await clearFailedSignIns(email);
  const cookie = await createSessionCookie(person.id, { userAgent, ipAddress });
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actorId: person.id,
      action: "person.signed-in",
      subjectType: "person",
      subjectId: person.id,
    }),
  );
  return { cookie };
}
