// Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser
// that has signed in to an account gets a signed cookie naming that account and a random
// device id. Its later attempts on that account draw on the device's own failure budget, so a
// stranger guessing the account's password (and slowing it down for unknown devices) never
// keeps its owner out on a device they have used before. The cookie proves nothing on its
// own: the password (and code) are still checked; it only chooses which budget is charged.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { DEVICE_COOKIE_MAX_AGE_SECONDS } from "./policy";

export interface KnownDevice {
  userId: string;
  deviceId: string;
}

/** `__Secure-` on https (the browser then refuses it over http or set by a subdomain page over http). */
export const deviceCookieName = (secure: boolean) => (secure ? "__Secure-parley-device" : "parley-device");

/** Only sign-in requests carry it: every path under /api/auth/callback (password, code, provider). */
const COOKIE_PATH = "/api/auth/callback";

function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: it is needed to sign device cookies");
  return Buffer.from(hkdfSync("sha256", secret, "parley-device-cookie", "parley:device-cookie:v1", 32));
}

const mac = (userId: string, deviceId: string) => createHmac("sha256", key()).update(`v1.${userId}.${deviceId}`).digest();

export function signDeviceCookie(device: KnownDevice): string {
  return `v1.${device.userId}.${device.deviceId}.${mac(device.userId, device.deviceId).toString("base64url")}`;
}

/** The device a cookie value names, or null when it is malformed, tampered with or signed under another secret. */
export function readDeviceCookie(value: string | null | undefined): KnownDevice | null {
  const [version, userId, deviceId, signature, ...rest] = (value ?? "").split(".");
  if (version !== "v1" || !userId || !deviceId || !signature || rest.length || userId.length > 64 || deviceId.length > 64) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(userId, deviceId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, deviceId } : null;
}

/** The Set-Cookie header for a browser that has just signed in to `userId`. */
export function deviceCookieHeader(userId: string, secure: boolean): string {
  const value = signDeviceCookie({ userId, deviceId: randomBytes(16).toString("base64url") });
  return [
    `${deviceCookieName(secure)}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** The known device a request's cookies name, if any (either name: the scheme may have changed). */
export function deviceFromCookies(cookies: { get(name: string): { value: string } | undefined }): KnownDevice | null {
  return readDeviceCookie(cookies.get(deviceCookieName(true))?.value) ?? readDeviceCookie(cookies.get(deviceCookieName(false))?.value);
}
