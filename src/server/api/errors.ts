// Domain errors and the one place they (and database errors) become tRPC errors. Route
// handlers outside tRPC map through the same functions (./route-errors.ts), so an error gets
// the same status and message over both paths.
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { DatabaseUnavailableError, isDatabaseUnreachable } from "@/server/db/unreachable";
import { reportDatabaseUnavailable, reportUnexpected, unexpectedErrorMessage } from "./error-report";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  /** A service Parley depends on (Stripe) could not be reached; nothing was changed. */
  | "SERVICE_UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The input field the error is about, so forms can show it beside that field. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Record") => new AppError("NOT_FOUND", `${what} not found`);

const TRPC_CODES: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** snake_case column → camelCase input field, as forms name them. */
function fieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

interface PrismaLikeError {
  code?: string;
  meta?: Record<string, unknown>;
  message?: string;
}

/** The input field a unique-constraint violation (P2002) is about, if it can tell. */
export function uniqueViolationField(error: PrismaLikeError): string | undefined {
  const meta = error.meta ?? {};
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown; index?: string }; table?: string } } | undefined)?.cause;
  const fields: unknown = Array.isArray(meta.target) ? meta.target : cause?.constraint?.fields;
  if (Array.isArray(fields)) {
    const named = fields.map(String).filter((f) => f !== "organization_id" && f !== "organizationId");
    if (named.length) return fieldName(named[named.length - 1]!);
  }
  // Prisma 7's pg adapter names only the index; ours are <table>_[organization_id_]<columns>_key.
  const index = cause?.constraint?.index;
  if (index && cause?.table && index.startsWith(`${cause.table}_`) && index.endsWith("_key")) {
    const columns = index.slice(cause.table.length + 1, -"_key".length).replace(/^organization_id_/, "");
    if (columns) return fieldName(columns);
  }
  return typeof meta.target === "string" ? fieldName(meta.target) : undefined;
}

/**
 * The database could not be reached: 503 with the plain message, and the digest the error
 * pages recognise (a page that calls a procedure directly rethrows this very error).
 */
export function databaseUnavailable(cause: unknown): TRPCError & { digest: string } {
  const unavailable = cause instanceof DatabaseUnavailableError ? cause : new DatabaseUnavailableError(cause);
  return Object.assign(new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable.message, cause: unavailable }), { digest: unavailable.digest });
}

/** Turns any error a procedure throws into the TRPCError a client should see. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError) {
    return new TRPCError({ code: TRPC_CODES[error.code], message: error.message, cause: error });
  }
  if (isDatabaseUnreachable(error)) return databaseUnavailable(error);
  const prismaError = error as PrismaLikeError;
  switch (prismaError?.code) {
    case "P2002": {
      const field = uniqueViolationField(prismaError);
      const appError = new AppError("CONFLICT", field ? `That ${humanize(field)} is already in use` : "That record already exists", field);
      return new TRPCError({ code: "CONFLICT", message: appError.message, cause: appError });
    }
    case "P2003":
      return new TRPCError({ code: "BAD_REQUEST", message: "A linked record does not exist", cause: error as Error });
    case "P2025":
      return new TRPCError({ code: "NOT_FOUND", message: "Record not found", cause: error as Error });
    case "P2000":
      return new TRPCError({ code: "BAD_REQUEST", message: "A value is too long for its field", cause: error as Error });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong", cause: error instanceof Error ? error : undefined });
}

/**
 * The error as it may leave the server (tRPC's errorFormatter, route handlers): expected errors
 * keep their message; an outage becomes the 503; anything else is logged with its stack under
 * a reference and answered "Something went wrong (ref …)", never with the error's own text.
 */
export function toPublicTRPCError(error: TRPCError, where: string): TRPCError & { ref?: string } {
  const mapped = error.code === "INTERNAL_SERVER_ERROR" ? toTRPCError(error.cause ?? error) : error;
  if (mapped.cause instanceof DatabaseUnavailableError) {
    reportDatabaseUnavailable(mapped.cause, where);
    return mapped;
  }
  if (mapped.code !== "INTERNAL_SERVER_ERROR") return mapped;
  const ref = reportUnexpected(error.cause ?? error, where);
  return Object.assign(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: unexpectedErrorMessage(ref), cause: error }), { ref });
}

function humanize(field: string): string {
  return field.replace(/([A-Z])/g, " $1").toLowerCase();
}
