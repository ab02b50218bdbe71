// Errors in route handlers outside tRPC (downloads, uploads, webhooks), mapped to HTTP once and
// exactly as tRPC maps them: the same TRPCError (./errors.ts) and tRPC's own status table
// (getHTTPStatusCodeFromError), so a 403 or a 503 reads the same over both paths. Bodies are
// `{ error, code }` (plus `ref` for a 500, `fieldErrors` for bad input), never server text.
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { unstable_rethrow } from "next/navigation";
import { ZodError, z } from "zod";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { DatabaseUnavailableError } from "@/server/db/unreachable";
import { reportDatabaseUnavailable, reportUnexpected } from "./error-report";
import { toPublicTRPCError, toTRPCError } from "./errors";

/** How long a client (or a load balancer) should wait before trying again during an outage. */
export const RETRY_AFTER_SECONDS = 5;

function zodErrorIn(error: unknown): ZodError | null {
  if (error instanceof ZodError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ZodError ? cause : null;
}

/** The response for an error a route handler threw; `name` says which route in the server log. */
export function routeErrorResponse(error: unknown, name: string): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  const zod = zodErrorIn(error);
  if (zod) {
    const detail = zod.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
    return Response.json({ error: `Invalid input: ${detail}`, code: "BAD_REQUEST", fieldErrors: z.flattenError(zod).fieldErrors }, { status: 400, headers });
  }
  const exposed = toPublicTRPCError(toTRPCError(error), name);
  const status = getHTTPStatusCodeFromError(exposed);
  if (status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  const field = (exposed.cause as { field?: unknown } | undefined)?.field;
  return Response.json(
    { error: exposed.message, code: exposed.code, ...(exposed.ref ? { ref: exposed.ref } : {}), ...(typeof field === "string" ? { field } : {}) },
    { status, headers },
  );
}

/**
 * Wraps a route handler so nothing it throws becomes Next's empty 500: expected errors keep
 * their status and message, an outage is a 503, anything else a 500 with a logged reference.
 * Next's own control flow (redirect(), notFound()) passes through.
 */
export function withRouteErrors<Args extends unknown[]>(name: string, handler: (request: Request, ...rest: Args) => Promise<Response>) {
  return async (request: Request, ...rest: Args): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      unstable_rethrow(error);
      return routeErrorResponse(error, name);
    }
  };
}

/**
 * For a response already streaming (a CSV export page by page): the status is sent, so the
 * error is logged (a reference, or one line for an outage) and the stream aborted.
 */
export function reportStreamError(error: unknown, name: string): Error {
  const mapped = toTRPCError(error);
  if (mapped.cause instanceof DatabaseUnavailableError) {
    reportDatabaseUnavailable(mapped.cause, name);
    return new Error(DATABASE_UNAVAILABLE_MESSAGE);
  }
  return new Error(`Interrupted (ref ${reportUnexpected(error, name)})`);
}
