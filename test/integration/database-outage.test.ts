// A real database outage, end to end through the HTTP handlers: the app's two roles reach
// PostgreSQL through loopback TCP proxies that the tests cut (connections dropped, new ones
// refused), hold (a hung server) and restore. While it lasts, every answer is the plain 503,
// no database text reaches a client, sessions and their cookies survive, pages fail with the
// outage (not a redirect to sign-in), sign-in says what is wrong, and /api/health tells load
// balancers; once the database is back, the same cookie works again.
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as exportCsv } from "@/app/api/export/[resource]/route";
import { GET as health, HEAD as healthHead } from "@/app/api/health/route";
import { GET as proposalPdf } from "@/app/api/organizations/[orgSlug]/proposals/[proposalId]/pdf/route";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { signInMessage } from "@/features/auth/components/sign-in-messages";
import { DATABASE_UNAVAILABLE_DIGEST, DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { disconnectAll } from "@/server/db/client";
import { appDatabaseUrl, systemDatabaseUrl } from "@/server/db/config";
import { closeHealthPool } from "@/server/db/health";
import { orNotFound, peekSession, requireSession, serverApi } from "@/trpc/server";
import { TEST_PASSWORD, type TestOrg, createOrgWithOwner, ownerPool } from "../helpers/fixtures";
import { type TcpProxy, startTcpProxy } from "../helpers/tcp-proxy";
import { sessionCookieFor } from "../helpers/session-cookie";

vi.hoisted(() => {
  process.env.PARLEY_HEALTH_TIMEOUT_MS = "500";
  process.env.NEXTAUTH_URL = "http://localhost:3000";
});

// Route handlers and pages read cookies and headers through next/headers: here, the jar below.
// next-auth require()s next/headers, which vi.mock does not reach, so its exports are set too.
const jar = vi.hoisted(() => ({ cookies: {} as Record<string, string>, headers: new Headers() }));
const nextHeaders = vi.hoisted(() => ({
  cookies: async () => ({
    get: (name: string) => (name in jar.cookies ? { name, value: jar.cookies[name]! } : undefined),
    getAll: () => Object.entries(jar.cookies).map(([name, value]) => ({ name, value })),
  }),
  headers: async () => jar.headers,
}));
vi.mock("next/headers", () => nextHeaders);
Object.assign(createRequire(import.meta.url)("next/headers") as object, nextHeaders);

const BASE = "http://localhost:3000";
/** What must never reach a client: Prisma's, pg's or the network's own words. */
const INTERNAL_TEXT = /prisma|invocation|P10\d\d|P20\d\d|ECONN|127\.0\.0\.1|database server|Connection terminated|driverAdapter|timeout exceeded/i;

let app: TcpProxy;
let system: TcpProxy;
let org: TestOrg;
let sessionId: string;
let sessionCookie: string;

const hostPort = (url: string) => ({ host: new URL(url).hostname, port: Number(new URL(url).port || 5432) });
const outage = () => Promise.all([app.cut(), system.cut()]);
const recover = () => Promise.all([app.restore(), system.restore()]);

function useCookie(value: string | null) {
  jar.cookies = value ? { "next-auth.session-token": value } : {};
}

/** A tRPC call over HTTP, as the browser's client makes it. */
async function trpc(path: string, { org: orgSlug, input = {}, mutation = false }: { org?: string; input?: unknown; mutation?: boolean } = {}) {
  const headers: Record<string, string> = orgSlug ? { "x-parley-org": orgSlug } : {};
  const response = mutation
    ? await trpcPost(new Request(`${BASE}/api/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ json: input }) }))
    : await trpcGet(new Request(`${BASE}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers }));
  const text = await response.text();
  const body = JSON.parse(text) as { result?: { data: { json: unknown } }; error?: { json: { message: string; data: { code: string; httpStatus: number } } } };
  return { status: response.status, text, setCookie: response.headers.get("set-cookie"), data: body.result?.data.json, error: body.error?.json };
}

/** A password sign-in through next-auth's credentials route, as the sign-in form sends it. */
async function signInOverHttp(email: string, password: string) {
  const csrfToken = randomBytes(32).toString("hex");
  const hash = createHash("sha256").update(`${csrfToken}${process.env.NEXTAUTH_SECRET}`).digest("hex");
  jar.cookies = { "next-auth.csrf-token": `${csrfToken}|${hash}` };
  const request = new NextRequest(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200) + 1}` },
    body: new URLSearchParams({ email, password, code: "", csrfToken, callbackUrl: `${BASE}/dashboard`, json: "true" }),
  });
  jar.headers = request.headers;
  const response = await authPost(request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
  const text = await response.text();
  const body = JSON.parse(text) as { url: string; message?: string };
  return { status: response.status, text, body, error: new URL(body.url).searchParams.get("error"), setCookie: response.headers.get("set-cookie") ?? "" };
}

async function sessionRevoked(): Promise<boolean> {
  const { rows } = await ownerPool().query<{ revoked_at: Date | null }>("SELECT revoked_at FROM sessions WHERE id = $1", [sessionId]);
  return rows[0]!.revoked_at !== null;
}

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  await disconnectAll();
  app = await startTcpProxy(hostPort(appDatabaseUrl()));
  system = await startTcpProxy(hostPort(systemDatabaseUrl()));
  process.env.APP_DATABASE_URL = app.via(appDatabaseUrl());
  process.env.SYSTEM_DATABASE_URL = system.via(systemDatabaseUrl());

  org = await createOrgWithOwner("outage");
  ({ cookie: sessionCookie, sessionId } = await sessionCookieFor(org.owner.email, "203.0.113.77"));
});

beforeEach(async () => {
  await recover();
  useCookie(sessionCookie);
  jar.headers = new Headers();
});

afterAll(async () => {
  await recover();
  await disconnectAll();
  await closeHealthPool();
  await Promise.all([app.close(), system.close()]);
  delete process.env.APP_DATABASE_URL;
  delete process.env.SYSTEM_DATABASE_URL;
  vi.restoreAllMocks();
});

describe("a database outage", () => {
  it("answers tRPC calls 503 with the plain message, keeps the session and its cookie, and the same cookie works once the database is back", async () => {
    const before = await trpc("organizations.current", { org: org.slug });
    expect(before.status).toBe(200);

    await outage();
    for (const call of [trpc("organizations.current", { org: org.slug }), trpc("companies.create", { org: org.slug, input: { name: "Lost?" }, mutation: true }), trpc("sessions.list")]) {
      const during = await call;
      expect(during.status).toBe(503);
      expect(during.error).toMatchObject({ message: DATABASE_UNAVAILABLE_MESSAGE, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } });
      expect(during.text).not.toMatch(INTERNAL_TEXT);
      expect(during.setCookie).toBeNull(); // the session cookie is neither cleared nor replaced
    }
    expect(await sessionRevoked()).toBe(false);

    await recover();
    const after = await trpc("organizations.current", { org: org.slug });
    expect(after.status).toBe(200);
    expect(after.data).toMatchObject({ slug: org.slug });
  });

  it("answers a request whose connection drops while it is in flight 503, without the driver's text", async () => {
    expect((await trpc("companies.list", { org: org.slug })).status).toBe(200);
    // The session and membership checks (system role) go through; the procedure's own
    // transaction (app role) is sent and never answered, then the connection is cut.
    app.hold();
    const pending = trpc("companies.list", { org: org.slug });
    await vi.waitFor(() => expect(app.heldBytes).toBeGreaterThan(0));
    await app.cut();
    const inFlight = await pending;
    expect(inFlight.status).toBe(503);
    expect(inFlight.error?.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(inFlight.text).not.toMatch(INTERNAL_TEXT);
  });

  it("answers downloads and exports 503 (withOrgRoute) with Retry-After, and serves them again afterwards", async () => {
    await outage();
    const csv = await exportCsv(new Request(`${BASE}/api/export/companies?org=${org.slug}`), { params: Promise.resolve({ resource: "companies" }) });
    expect(csv.status).toBe(503);
    expect(csv.headers.get("retry-after")).toBe("5");
    const text = await csv.text();
    expect(JSON.parse(text)).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE, code: "SERVICE_UNAVAILABLE" });
    const pdf = await proposalPdf(new Request(`${BASE}/api/organizations/${org.slug}/proposals/${crypto.randomUUID()}/pdf`), { params: Promise.resolve({ orgSlug: org.slug, proposalId: crypto.randomUUID() }) });
    expect(pdf.status).toBe(503);

    await recover();
    const back = await exportCsv(new Request(`${BASE}/api/export/companies?org=${org.slug}`), { params: Promise.resolve({ resource: "companies" }) });
    expect(back.status).toBe(200);
  });

  it("fails pages with the outage (its digest) instead of sending a signed-in person to sign in", async () => {
    await outage();
    const page = await requireSession(`/${org.slug}`).then(() => null, (error: unknown) => error);
    expect(page).toMatchObject({ digest: DATABASE_UNAVAILABLE_DIGEST, message: DATABASE_UNAVAILABLE_MESSAGE });
    // The marketing pages and the sign-in page still render (as for a visitor).
    expect(await peekSession()).toBeNull();

    // Once the session is checked, a procedure a page calls fails the same way.
    await system.restore();
    app.hold();
    await app.cut();
    const api = await serverApi(org.slug);
    const call = await orNotFound(api.companies.list({})).then(() => null, (error: unknown) => error);
    expect(call).toMatchObject({ code: "SERVICE_UNAVAILABLE", digest: DATABASE_UNAVAILABLE_DIGEST, message: DATABASE_UNAVAILABLE_MESSAGE });

    await recover();
    expect((await requireSession(`/${org.slug}`)).sessionId).toBe(sessionId);
  });

  it("answers a sign-in 503 with an error the sign-in form shows, then signs in once the database is back", async () => {
    await outage(); // the per-IP throttle is the first to find the database gone
    const refused = await signInOverHttp(org.owner.email, TEST_PASSWORD);
    expect(refused.status).toBe(503);
    expect(refused.error).toBe("DatabaseUnavailable");
    expect(signInMessage(refused.error!)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(refused.text).not.toMatch(INTERNAL_TEXT);
    expect(refused.setCookie).not.toContain("session-token");

    await app.restore(); // the throttle passes; checking the password finds the database gone
    const alsoRefused = await signInOverHttp(org.owner.email, TEST_PASSWORD);
    expect(alsoRefused.status).toBe(503);
    expect(alsoRefused.error).toBe("DatabaseUnavailable");
    expect(alsoRefused.text).not.toMatch(INTERNAL_TEXT);

    await recover();
    const signedIn = await signInOverHttp(org.owner.email, TEST_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.error).toBeNull();
    expect(signedIn.setCookie).toContain("next-auth.session-token=");
  });

  it("reports itself on /api/health: 200 when the database answers, 503 when it is down or hung, never cached", async () => {
    const up = await health();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok", database: "ok" });
    expect(up.headers.get("cache-control")).toContain("no-store");

    await app.cut();
    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "degraded", database: "unreachable" });
    expect((await healthHead()).status).toBe(503);

    // A server that takes the connection and never answers: the probe gives up on its own.
    await app.restore();
    app.hold();
    const hung = await health();
    expect(hung.status).toBe(503);
    expect(await hung.json()).toEqual({ status: "degraded", database: "unreachable" });

    await app.cut();
    await app.restore();
    await vi.waitFor(async () => expect((await health()).status).toBe(200));
  });
});
