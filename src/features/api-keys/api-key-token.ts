// The API key people copy: prly_<key id, 32 hex>_<secret, 256 random bits>. The id finds the
// row; only the secret's sha256 is stored, and compared in constant time.
import { timingSafeEqual } from "node:crypto";
import { newToken, sha256Hex } from "@/lib/tokens";

const FORMAT = /^prly_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function mintApiKey(id: string): { token: string; hash: string; prefix: string } {
  const secret = newToken(32);
  const compact = id.replace(/-/g, "");
  return { token: `prly_${compact}_${secret}`, hash: sha256Hex(secret), prefix: `prly_${compact.slice(0, 8)}` };
}

/** The key id and secret of a well-formed key, or null. */
export function parseApiKey(token: string): { id: string; secret: string } | null {
  const m = FORMAT.exec(token.trim());
  if (!m) return null;
  const h = m[1]!;
  return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, secret: m[2]! };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
