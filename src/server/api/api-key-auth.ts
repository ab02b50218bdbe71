// Authorization: Bearer <API key> on the tRPC HTTP route: who the key is, or the response that
// refuses it (401 for a bad, revoked or expired key; 429 with Retry-After past its rate limit).
import { type ApiKeyPrincipal, authenticateApiKey } from "@/server/db/system/api-keys";
import { hitRateLimit } from "@/server/db/rate-limits";

const WINDOW_MS = 60_000;
const limitPerMinute = () => Number(process.env.PARLEY_API_KEY_RATE_LIMIT ?? 600);

export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  const match = value ? /^Bearer\s+(.+)$/i.exec(value.trim()) : null;
  return match ? match[1]!.trim() : null;
}

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { message, code: status === 401 ? "UNAUTHORIZED" : "TOO_MANY_REQUESTS" } }, { status, headers });

export async function authenticateBearer(token: string): Promise<{ principal: ApiKeyPrincipal } | { response: Response }> {
  const result = await authenticateApiKey(token);
  if (!result.ok) return { response: refuse(401, result.reason, { "WWW-Authenticate": 'Bearer realm="parley"' }) };
  const limit = limitPerMinute();
  const hit = await hitRateLimit(`api-key:${result.principal.keyId}`, limit, WINDOW_MS);
  if (!hit.allowed) {
    return { response: refuse(429, `This API key is limited to ${limit} requests a minute; try again in ${hit.retryAfterSeconds} s`, { "Retry-After": String(hit.retryAfterSeconds) }) };
  }
  return { principal: result.principal };
}
