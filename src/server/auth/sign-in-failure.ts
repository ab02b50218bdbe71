// A sign-in that fails on our side (the database unreachable, a bug) tells the sign-in form so,
// in next-auth's own terms (an error name the form turns into a message), and never carries
// server text into the response or the /login?error=… URL.
import { DATABASE_UNAVAILABLE_MESSAGE, DATABASE_UNAVAILABLE_SIGN_IN_ERROR } from "@/lib/database-unavailable";
import { reportDatabaseUnavailable, reportUnexpected, unexpectedErrorMessage } from "@/server/api/error-report";
import { RETRY_AFTER_SECONDS } from "@/server/api/route-errors";
import { isDatabaseUnreachable } from "@/server/db/unreachable";

/** "DatabaseUnavailable", or "ServerError-<ref>" with the error logged under that reference. */
export function signInFailureCode(error: unknown, where: string): string {
  if (isDatabaseUnreachable(error)) {
    reportDatabaseUnavailable(error, where);
    return DATABASE_UNAVAILABLE_SIGN_IN_ERROR;
  }
  return `ServerError-${reportUnexpected(error, where)}`;
}

const outageHeaders = () => ({ "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) });

/**
 * The answer when the auth route failed around next-auth (the per-IP throttle, signing out), in
 * the JSON shape next-auth's signIn() reads: the form shows the error named in `url`.
 */
export function signInFailureResponse(request: Request, error: unknown): Response {
  const code = signInFailureCode(error, "sign-in");
  const outage = code === DATABASE_UNAVAILABLE_SIGN_IN_ERROR;
  return Response.json(
    {
      error: code,
      message: outage ? DATABASE_UNAVAILABLE_MESSAGE : unexpectedErrorMessage(code.slice("ServerError-".length)),
      url: new URL(`/login?error=${code}`, request.url).toString(),
    },
    { status: outage ? 503 : 500, headers: outage ? outageHeaders() : { "Cache-Control": "no-store" } },
  );
}

/**
 * next-auth answers any failure inside authorize() with 401; an outage is a 503 (with
 * Retry-After), so monitors and clients can tell it from a wrong password.
 */
export async function withOutageStatus(response: Response): Promise<Response> {
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response.clone().json().catch(() => null)) as { url?: unknown } | null;
  const error = typeof body?.url === "string" ? new URL(body.url, "http://localhost").searchParams.get("error") : null;
  if (error !== DATABASE_UNAVAILABLE_SIGN_IN_ERROR) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(outageHeaders())) headers.set(name, value);
  return new Response(JSON.stringify(body), { status: 503, headers });
}
