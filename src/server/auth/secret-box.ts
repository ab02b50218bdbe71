// Secrets Parley must read back later (the authenticator secret behind two-factor codes) are
// kept sealed: AES-256-GCM under a key derived (HKDF-SHA256) from NEXTAUTH_SECRET for one
// purpose, with the row they belong to as associated data, so a sealed value copied onto
// another user's row does not open. Changing NEXTAUTH_SECRET makes sealed values unreadable:
// people then sign in with a recovery code and set two-factor authentication up again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(purpose: string): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: it is needed to seal and open stored secrets");
  return Buffer.from(hkdfSync("sha256", secret, "parley-secret-box", `parley:${purpose}`, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url): about 90 characters for an authenticator secret. */
export function seal(plaintext: string, purpose: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The plaintext, or null when the value is malformed, tampered with, sealed for another row or under another key. */
export function open(sealed: string, purpose: string, context: string): string | null {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
