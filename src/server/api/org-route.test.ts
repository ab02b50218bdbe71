// withOrgRoute: each way a route handler outside tRPC can refuse or fail, mapped once and as
// tRPC maps it (the outage's 503 is exercised for real in test/integration/database-outage.test.ts).
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ZodError, z } from "zod";
import { GET as exportCsv } from "@/app/api/export/[resource]/route";
import { POST as importUpload } from "@/app/api/imports/route";
import { GET as orgExportDownload } from "@/app/api/organizations/[orgSlug]/exports/[exportId]/route";
import { newToken, sha256Hex } from "@/lib/tokens";
import { startSession } from "@/server/db/system/sign-in";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { type TestOrg, addMember, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";
import { AppError } from "./errors";
import { withOrgRoute } from "./org-route";

const jar = vi.hoisted(() => ({ session: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && jar.session ? { value: jar.session } : undefined) }),
}));
afterEach(() => { jar.session = ""; });

const BASE = "http://localhost:3000";

/** A real session row for `userId` and the cookie that carries it. */
async function signedInAs(userId: string) {
  const token = newToken();
  const { sessionId } = await startSession(userId, { tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + 3_600_000) }, { ip: null, userAgent: "vitest" });
  jar.session = await encode({ token: { sub: userId, sid: sessionId, st: token }, secret: process.env.NEXTAUTH_SECRET! });
}

/** A route that needs companies:write and answers with who it resolved, or throws what it is given. */
let fail: (() => never) | null = null;
const probeRoute = withOrgRoute<{ orgSlug: string }>({ name: "probe route", permission: { resource: "companies", action: "write" } }, async (_request, { membership, api }) => {
  if (fail) fail();
  const org = await api.organizations.current();
  return Response.json({ org: membership.organization.slug, role: membership.role.name, permissions: org.permissions.length > 0 });
});
async function probe(orgSlug: string, headers: Record<string, string> = {}) {
  const response = await probeRoute(new Request(`${BASE}/api/probe/${orgSlug}`, { headers }), { params: Promise.resolve({ orgSlug }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

let org: TestOrg;
let other: TestOrg;
let viewer: { id: string; email: string };
beforeAll(async () => {
  org = await createOrgWithOwner("orgroute");
  other = await createOrgWithOwner("orgroute-other");
  viewer = await addMember(org, "Viewer");
});

describe("withOrgRoute", () => {
  it("runs the handler for a member whose role allows it", async () => {
    await signedInAs(org.owner.id);
    expect(await probe(org.slug)).toMatchObject({ status: 200, body: { org: org.slug, role: "Owner" } });
  });

  it("answers 401 without a session, as tRPC does", async () => {
    const refused = await probe(org.slug);
    expect(refused).toMatchObject({ status: 401, body: { error: "Sign in to continue", code: "UNAUTHORIZED" } });
    expect(refused.status).toBe(getHTTPStatusCodeFromError(new TRPCError({ code: "UNAUTHORIZED" })));
  });

  it("answers 404 to a non-member, exactly like an organization that does not exist", async () => {
    await signedInAs(other.owner.id);
    const nonMember = await probe(org.slug);
    expect(nonMember).toMatchObject({ status: 404, body: { error: "Organization not found", code: "NOT_FOUND" } });
    expect((await probe("no-such-organization")).body).toEqual(nonMember.body);
  });

  it("answers 403 naming the role when it lacks the route's permission", async () => {
    await signedInAs(viewer.id);
    expect(await probe(org.slug)).toMatchObject({ status: 403, body: { error: "Your role (Viewer) cannot write companies", code: "FORBIDDEN" } });
  });

  it("acts for an API key (Bearer) within its own organization and scopes", async () => {
    const key = await callerAs(org.owner, org.slug).apiKeys.create({ name: "Route key", permissions: ["companies:read", "companies:write"] });
    const bearer = { authorization: `Bearer ${key.token}` };
    expect(await probe(org.slug, bearer)).toMatchObject({ status: 200, body: { org: org.slug } });
    expect((await probe(other.slug, bearer)).status).toBe(404);
    expect((await probe(org.slug, { authorization: "Bearer prly_nope" })).status).toBe(401);
    const readOnly = await callerAs(org.owner, org.slug).apiKeys.create({ name: "Read key", permissions: ["companies:read"] });
    expect((await probe(org.slug, { authorization: `Bearer ${readOnly.token}` })).status).toBe(403);
    // The real CSV export takes the key too.
    const csv = await exportCsv(new Request(`${BASE}/api/export/companies?org=${org.slug}`, { headers: bearer }), { params: Promise.resolve({ resource: "companies" }) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("answers an unexpected error 500 with a reference, logged with its stack, and none of its text", async () => {
    await signedInAs(org.owner.id);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const internal = new Error('relation "companies_secret" does not exist at PrismaClient.findMany (postgres://parley_app@db:5432)');
    fail = () => { throw internal; };
    try {
      const failed = await probe(org.slug);
      expect(failed.status).toBe(500);
      const ref = failed.body.ref as string;
      expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(failed.body).toEqual({ error: `Something went wrong (ref ${ref}). It has been logged.`, code: "INTERNAL_SERVER_ERROR", ref });
      expect(JSON.stringify(failed.body)).not.toMatch(/companies_secret|Prisma|postgres/);
      expect(logged).toHaveBeenCalledWith(`[ref ${ref}] probe route failed:`, internal);
      expect(internal.stack).toContain("org-route.test.ts");
    } finally {
      fail = null;
      logged.mockRestore();
    }
  });

  it("keeps expected errors' messages: AppError with its field, bad input naming the field", async () => {
    await signedInAs(org.owner.id);
    fail = () => { throw new AppError("CONFLICT", "That name is already in use", "name"); };
    expect(await probe(org.slug)).toMatchObject({ status: 409, body: { error: "That name is already in use", code: "CONFLICT", field: "name" } });
    const zod = z.object({ since: z.iso.date({ message: "since must be a date" }) }).safeParse({ since: "soon" }).error as ZodError;
    fail = () => { throw zod; };
    expect(await probe(org.slug)).toMatchObject({ status: 400, body: { error: "Invalid input: since: since must be a date", code: "BAD_REQUEST", fieldErrors: { since: ["since must be a date"] } } });
    fail = null;
  });
});

describe("the organization routes on withOrgRoute", () => {
  it("refuse an import upload by a role that cannot write the resource before storing anything, and a bad resource naming the field", async () => {
    await signedInAs(viewer.id);
    const upload = (resource: string) => importUpload(new Request(`${BASE}/api/imports?org=${org.slug}&resource=${resource}&name=a.csv`, { method: "POST", body: "name\nAcme\n" }), { params: Promise.resolve({}) });
    const refused = await upload("leads");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "Your role (Viewer) cannot write leads", code: "FORBIDDEN" });
    const bad = await upload("planets");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "resource: choose leads, companies or contacts", code: "BAD_REQUEST", field: "resource" });
  });

  it("refuse an organization export download to a role without organization:write (403) and to a non-member (404)", async () => {
    const download = () => orgExportDownload(new Request(`${BASE}/api/organizations/${org.slug}/exports/${crypto.randomUUID()}`), { params: Promise.resolve({ orgSlug: org.slug, exportId: crypto.randomUUID() }) });
    const answer = async () => { const response = await download(); return { status: response.status, body: await response.json() }; };
    await signedInAs(viewer.id);
    expect(await answer()).toEqual({ status: 403, body: { error: "Your role (Viewer) cannot write organization", code: "FORBIDDEN" } });
    await signedInAs(other.owner.id);
    expect(await answer()).toEqual({ status: 404, body: { error: "Organization not found", code: "NOT_FOUND" } });
    await signedInAs(org.owner.id);
    expect(await answer()).toEqual({ status: 404, body: { error: "Export not found", code: "NOT_FOUND" } });
  });
});
