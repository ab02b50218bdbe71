// What an HTTP client of tRPC sees when a procedure fails: through the real fetch handler and
// errorFormatter, an unexpected error (here a real Prisma error) is a 500 with a reference and
// none of its text, logged in full; expected errors keep their messages.
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { withUser } from "@/server/db/tenant";
import { AppError } from "./errors";
import { publicProcedure, router } from "./trpc";

const USER = "00000000-0000-7000-8000-000000000001";

const testRouter = router({
  broken: publicProcedure.query(() => withUser(USER, (tx) => tx.$queryRawUnsafe("SELECT secret_column FROM no_such_table_for_ref_test"))),
  thrown: publicProcedure.query((): string => { throw new Error("TypeError-ish internals at /srv/parley/src/features/x.ts:12"); }),
  conflict: publicProcedure.query((): string => { throw new AppError("CONFLICT", "That name is already in use", "name"); }),
  internalOnPurpose: publicProcedure.query((): string => { throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "pool exhausted on db-1.internal" }); }),
  validated: publicProcedure.input(z.object({ name: z.string().min(2, "Name needs at least 2 characters") })).query(({ input }) => input.name),
});

async function call(path: string, input: unknown = undefined) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost:3000/api/trpc/${path}${query}`),
    router: testRouter,
    createContext: () => ({ session: null, meta: { ip: null, userAgent: null }, orgSlug: null }),
  });
  const text = await response.text();
  const error = (JSON.parse(text) as { error?: { json: { message: string; data: Record<string, unknown> } } }).error?.json;
  return { status: response.status, text, error };
}

afterEach(() => { vi.restoreAllMocks(); });

describe("tRPC errors over HTTP", () => {
  it.each(["broken", "thrown"])("answers an unexpected error (%s) 500 with a reference, logging the error and its stack under it", async (path) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, text, error } = await call(path);
    expect(status).toBe(500);
    const ref = error!.data.ref as string;
    expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(error!.message).toBe(`Something went wrong (ref ${ref}). It has been logged.`);
    expect(error!.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 });
    expect(text).not.toMatch(/no_such_table|secret_column|prisma|invocation|\/srv\/parley|internals|at [\w.]+ \(/i);
    expect(logged).toHaveBeenCalledTimes(1);
    const [line, logError] = logged.mock.calls[0]!;
    expect(line).toBe(`[ref ${ref}] tRPC ${path} failed:`);
    expect(String((logError as Error).stack)).toMatch(path === "broken" ? /no_such_table_for_ref_test/ : /internals/);
  });

  it("keeps expected errors' own messages (an AppError with its field, bad input with the field's message), and no 500's", async () => {
    const conflict = await call("conflict");
    expect(conflict.status).toBe(409);
    expect(conflict.error).toMatchObject({ message: "That name is already in use", data: { code: "CONFLICT", field: "name" } });
    const invalid = await call("validated", { name: "x" });
    expect(invalid.status).toBe(400);
    expect(invalid.error!.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { name: ["Name needs at least 2 characters"] } });
    expect(invalid.error!.data).not.toHaveProperty("ref");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const internal = await call("internalOnPurpose");
    expect(internal.status).toBe(500);
    expect(internal.error!.message).toMatch(/^Something went wrong \(ref [0-9A-Z]{6}\)\. It has been logged\.$/);
    expect(internal.text).not.toContain("db-1.internal");
  });
});
