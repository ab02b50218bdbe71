// The one place that decides whether an error means "the database cannot be reached" (down,
// restarting, refusing connections, the network between us cut) rather than "this query is
// wrong". Callers turn the first into a 503 with a plain message and keep the session; the
// second stays a bug (a 500 with a reference).
//
// What Prisma 7 with @prisma/adapter-pg actually throws, tried against a real server behind a
// TCP proxy that was cut, hung, or answered with a FATAL (src/server/db/unreachable.test.ts):
// - refused / unknown host: PrismaClientKnownRequestError P1001 (P2010 from $queryRaw), with
//   meta.driverAdapterError.cause.kind "DatabaseNotReachable";
// - ECONNRESET / ETIMEDOUT: kinds "ConnectionClosed" (P1017) / "SocketTimeout" (P1008);
// - too many connections (53300): P2037, kind "TooManyConnections";
// - a FATAL while connecting or mid-query (57P01 admin shutdown, 57P03 starting up): P2039 or
//   P2010 with kind "postgres" and that code;
// - the socket closing mid-query: pg's plain Error "Connection terminated unexpectedly";
// - no answer within the pool's connectionTimeoutMillis: pg's "Connection terminated due to
//   connection timeout" (connecting) or "timeout exceeded when trying to connect" (waiting for
//   a pooled connection), and Prisma's P2028 "Unable to start a transaction in the given time".
import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";

/** Prisma's codes for a server it cannot reach, that timed out, closed on it, or has no connection to give. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/** The driver adapter's error kinds for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down, recovering), 53300 too_many_connections, and class 08 connection_exception.
 */
const isUnreachableSqlState = (code: unknown) => typeof code === "string" && (["57P01", "57P02", "57P03", "53300"].includes(code) || /^08[0-9A-Z]{3}$/.test(code));

/** Socket failures, when they come out of the database layer (not an SMTP server or a website). */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/** node-postgres's own messages for a connection that died or never came. */
const DRIVER_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
  /Unable to start a transaction in the given time/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  clientVersion?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } };
  cause?: unknown;
  errors?: unknown;
}

function unreachable(error: unknown, viaDatabase: boolean, depth: number): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as ErrorLike;
  // Already classified (compared by digest: Next may bundle this module more than once).
  if ((e as { digest?: unknown }).digest === DATABASE_UNAVAILABLE_DIGEST) return true;
  // Prisma stamps clientVersion on whatever passes through it: from here on, socket codes are the database's.
  const fromDatabase = viaDatabase || typeof e.clientVersion === "string" || !!e.meta?.driverAdapterError;
  if (typeof e.code === "string" && PRISMA_CODES.has(e.code)) return true;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || isUnreachableSqlState(adapter.originalCode) || isUnreachableSqlState(adapter.code))) return true;
  // A pg server error (it carries a severity) with a connection SQLSTATE.
  if (typeof e.severity === "string" && isUnreachableSqlState(e.code)) return true;
  if (typeof e.message === "string" && DRIVER_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  if (fromDatabase && typeof e.code === "string" && SOCKET_CODES.has(e.code)) return true;
  const nested = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((inner) => unreachable(inner, fromDatabase, depth + 1));
}

/** Whether `error` (or what it wraps) says the database could not be reached. */
export function isDatabaseUnreachable(error: unknown): boolean {
  return unreachable(error, false, 0);
}

/**
 * Thrown in place of a driver's error once it is known to mean an outage: carries the plain
 * message, and the digest the error pages recognise (see src/lib/database-unavailable.ts).
 * The driver's error stays in `cause` for the server log only.
 */
export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(cause?: unknown) {
    super(DATABASE_UNAVAILABLE_MESSAGE, { cause });
    this.name = "DatabaseUnavailableError";
  }
}
