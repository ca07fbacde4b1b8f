import { recordAudit } from "~/modules/audit/record.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { knownDeviceCookie, knownDeviceIdFor, type KnownDevice } from "./known-device.server";
import { verifyPasswordWithinLimits } from "./rate-limit.server";
import { createSessionCookie } from "./session.server";

type SignInInput = {
  email: string;
  password: string;
  client: { ipAddress: string; userAgent: string };
  knownDevice: KnownDevice | null;
};

/**
 * Checks the password and opens a session; the browser is marked as a known device of the person. Wrong
 * password and unknown email get the same answer.
 */
export async function signIn({
  email,
  password,
  client,
  knownDevice,
}: SignInInput): Promise<{ sessionCookie: string; deviceCookie: string }> {
  const person = await db().person.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = await verifyPasswordWithinLimits({
    email,
    address: client.ipAddress,
    knownDeviceId: knownDeviceIdFor(knownDevice, person?.id),
    passwordHash: person?.passwordHash ?? null,
    password,
  });
  if (!person || !valid) {
    // Only checked attempts get this far, so a burst of guesses cannot flood the audit trail.
    if (person) {
      await db().$transaction((tx) =>
        recordAudit(tx, {
          actorId: null,
          action: "person.sign-in-failed",
          subjectType: "person",
          subjectId: person.id,
        }),
      );
    }
    throw new DomainError("auth.invalidCredentials");
  }
  const sessionCookie = await createSessionCookie(person.id, client);
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actorId: person.id,
      action: "person.signed-in",
      subjectType: "person",
      subjectId: person.id,
    }),
  );
  return { sessionCookie, deviceCookie: await knownDeviceCookie(person.id) };
}
