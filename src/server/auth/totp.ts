// Time-based one-time passwords (RFC 6238) as authenticator apps make them: SHA-1, 6 digits,
// 30-second steps, a 160-bit secret. A code is accepted within one step either side of now
// (clock drift), and never for a step at or before the last one accepted (no replay).
import { generate, generateSecret, generateURI, verify } from "otplib";
import { open, seal } from "./secret-box";

export const TOTP_PERIOD_SECONDS = 30;
const DRIFT_SECONDS = TOTP_PERIOD_SECONDS;
const ISSUER = "Parley";
const SEAL_PURPOSE = "totp-secret";

export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** What the QR code holds: otpauth://totp/Parley:<email>?secret=…&issuer=Parley. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: ISSUER, label: accountName, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: "sha1" });
}

/** The secret as people type it into an app without a camera: groups of four. */
export const formatSecret = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

/** A code as typed: spaces and dashes dropped. Six digits is an authenticator code. */
export const normalizeCode = (code: string) => code.replace(/[\s-]/g, "");
export const isTotpCode = (code: string) => /^\d{6}$/.test(normalizeCode(code));

export const currentTimeStep = (now = Date.now()) => Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The time step the code belongs to, or null when it is wrong, malformed, or was for a step at
 * or before `lastStep` (already used). Store the step returned to refuse the same code again.
 */
export async function verifyTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): Promise<number | null> {
  const token = normalizeCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(now / 1000);
  // A recorded step beyond this window (a server clock that ran ahead) would make otplib throw;
  // every code in the window is then already "used", which is the safe answer.
  if (lastStep !== null && lastStep >= Math.floor((epoch + DRIFT_SECONDS) / TOTP_PERIOD_SECONDS)) return null;
  try {
    const result = await verify({ secret, token, epoch, epochTolerance: DRIFT_SECONDS, afterTimeStep: lastStep ?? undefined });
    return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
  } catch {
    return null;
  }
}

/** For tests and the e2e journey: the code an authenticator app would show now. */
export const totpCodeNow = (secret: string, now = Date.now()) => generate({ secret, epoch: Math.floor(now / 1000) });

/** The authenticator secret as stored on users.two_factor_secret: sealed, bound to its user. */
export const sealTotpSecret = (secret: string, userId: string) => seal(secret, SEAL_PURPOSE, `user:${userId}`);
export const openTotpSecret = (sealed: string | null, userId: string) => (sealed ? open(sealed, SEAL_PURPOSE, `user:${userId}`) : null);
