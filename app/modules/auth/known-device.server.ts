import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { isSecureOrigin } from "~/utils/env.server";
import { cookieSecret } from "~/utils/secret.server";
import { singleton } from "~/utils/singleton.server";

/** What the signed device cookie holds: whose device it is, and an id of its own for the rate limits. */
export type KnownDevice = { personId: string; deviceId: string };

function deviceCookie() {
  return singleton("known-device-cookie", () =>
    createCookie("concord_device", {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: isSecureOrigin(),
      secrets: [cookieSecret()],
      maxAge: 60 * 60 * 24 * 365,
    }),
  );
}

function isKnownDevice(value: unknown): value is KnownDevice {
  if (typeof value !== "object" || value === null) return false;
  const { personId, deviceId } = value as Record<string, unknown>;
  return typeof personId === "string" && typeof deviceId === "string";
}

/**
 * The device this browser proved to be someone's by signing in from it (OWASP's "device cookies"), or null.
 * The cookie is signed, so it cannot be made up for another account.
 */
export async function knownDeviceOf(request: Request): Promise<KnownDevice | null> {
  const value: unknown = await deviceCookie().parse(request.headers.get("Cookie"));
  return isKnownDevice(value) ? value : null;
}

/** The device's id when the device is known for this person, else null. */
export function knownDeviceIdFor(device: KnownDevice | null, personId: string | undefined): string | null {
  return device && device.personId === personId ? device.deviceId : null;
}

/** Marks this browser as the person's device, after a successful sign-in; replaces any earlier mark. */
export function knownDeviceCookie(personId: string): Promise<string> {
  const device: KnownDevice = { personId, deviceId: randomBytes(16).toString("base64url") };
  return deviceCookie().serialize(device);
}
