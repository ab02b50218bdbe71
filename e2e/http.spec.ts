import { expect, test } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../src/server/auth/password";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";
import { credentialsAttempt, rawRequest } from "./raw-http";

test("session cookies are HttpOnly and SameSite=Lax", async ({ page }) => {
  await signUp(page);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
});

test("tRPC refuses a mutation sent from another origin", async ({ request, baseURL }) => {
  const body = { json: { firstName: "Eve", email: "eve@example.com", password: "not-common-at-all-9", organizationName: "Evil" } };
  const crossSite = await request.post("/api/trpc/auth.signUp", { data: body, headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  const sameSite = await request.post("/api/trpc/auth.signUp", { data: { json: { ...body.json, email: `ok-${Date.now()}@example.com` } }, headers: { origin: baseURL! } });
  expect(sameSite.status()).toBe(200);
});

test("malformed requests get a 4xx that names the problem, never a 500", async ({ request }) => {
  const garbage = await request.post("/api/trpc/auth.signUp", { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(garbage.status()).toBeGreaterThanOrEqual(400);
  expect(garbage.status()).toBeLessThan(500);

  const invalid = await request.post("/api/trpc/auth.signUp", { data: { json: { email: "nope", password: 1 } } });
  expect(invalid.status()).toBe(400);
  const payload = await invalid.json();
  expect(Object.keys(payload.error.json.data.fieldErrors)).toEqual(expect.arrayContaining(["firstName", "email", "password", "organizationName"]));

  const signedOut = await request.get("/api/trpc/members.list", { headers: { "x-parley-org": "demo" } });
  expect(signedOut.status()).toBe(401);
  const unknown = await request.get("/api/trpc/no.such.procedure");
  expect(unknown.status()).toBe(404);
});

test("pages send a nonce-based CSP, frame-ancestors 'none', Permissions-Policy and the rest; no HSTS over http", async ({ request }) => {
  const page = await request.get("/login");
  const headers = page.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next.js put the nonce on its scripts, inline ones included; no script goes without it.
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // Another request, another nonce.
  const again = /'nonce-([^']+)'/.exec((await request.get("/login")).headers()["content-security-policy"] ?? "")?.[1];
  expect(again).not.toBe(nonce);
  // API responses get the static headers too.
  expect((await request.get("/api/auth/csrf")).headers()["x-content-type-options"]).toBe("nosniff");
});

test("pages work under their CSP: no violations while signing up and using the app", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
  });
  const { slug } = await signUp(page);
  await page.goto(`/${slug}/leads`);
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("the origin check compares scheme and port, not just the host", async ({ request, baseURL }) => {
  const body = { json: { firstName: "Eve", email: `eve-${Date.now()}@example.com`, password: "not-common-at-all-9", organizationName: "Evil" } };
  const url = new URL(baseURL!);
  for (const origin of [`https://${url.host}`, `http://${url.hostname}:${Number(url.port) + 1}`, `http://${url.host}.evil.example`]) {
    const refused = await request.post("/api/trpc/auth.signUp", { data: body, headers: { origin } });
    expect(refused.status(), origin).toBe(403);
  }
});

test("tRPC refuses bodies over 1 MB with 413 and a message, with or without Content-Length", async () => {
  // Declared too large: refused before the body is read. The server may close the connection
  // while the client is still sending, so the client here is one that reads the answer first
  // (as browsers do), not one that gives up on a write error (EPIPE).
  const big = JSON.stringify({ json: { email: "x".repeat(2 * 1024 * 1024) } });
  const declared = await rawRequest({ method: "POST", path: "/api/trpc/auth.signUp", headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) }, body: big });
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body).error.json.message).toMatch(/too large: at most 1 MB/);

  // Chunked, no Content-Length: 8 MB offered, refused after the first megabyte.
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const chunked = await rawRequest({ method: "POST", path: "/api/trpc/auth.signUp", headers: { "content-type": "application/json" }, body: { chunks: Array(128).fill(chunk) } });
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body).error.json.message).toMatch(/too large/);

  // The sign-in route has its own, smaller limit.
  const auth = await rawRequest({ method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" }, body: { chunks: Array(4).fill(chunk) } });
  expect(auth.status).toBe(413);
  expect(JSON.parse(auth.body).error.message).toMatch(/too large: at most 64 KB/);
});

test("the dev outbox is shown to this machine only: remote clients get 404, and headers cannot fake a local one", async () => {
  const outbox = (from: string, headers: Record<string, string> = {}) => rawRequest({ path: "/dev/outbox", from, headers }).then((r) => r.status);
  expect(await outbox("127.0.0.1")).toBe(200);
  // Through the trusted proxy (127.0.0.2): a visitor from elsewhere, and one from this machine.
  expect(await outbox("127.0.0.2", { "x-forwarded-for": "203.0.113.5" })).toBe(404);
  expect(await outbox("127.0.0.2", { "x-forwarded-for": "127.0.0.1, 203.0.113.5" })).toBe(404);
  expect(await outbox("127.0.0.2", { "x-forwarded-for": "127.0.0.1" })).toBe(200);
  // The remote visitor forging the server's own stamp, or X-Real-IP, changes nothing.
  expect(await outbox("127.0.0.2", { "x-forwarded-for": "203.0.113.5", "x-parley-peer": "guess 127.0.0.1", "x-real-ip": "127.0.0.1" })).toBe(404);
  // A local client relaying for someone else (an unconfigured reverse proxy here) is not local.
  expect(await outbox("127.0.0.1", { "x-forwarded-for": "203.0.113.5" })).toBe(404);
  const page = await rawRequest({ path: "/dev/outbox" });
  expect(page.body).toContain("Only shown to this machine (loopback)");
});

test("sign-in attempts are counted against the real client address, not X-Forwarded-For", async () => {
  const email = uniqueEmail("xff");
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`INSERT INTO users (email, password_hash, first_name, last_name, full_name) VALUES ($1, $2, 'X', 'Ff', 'X Ff')`, [email, await hashPassword(PASSWORD)]);
    const ipsOfFailures = async () =>
      (await db.query<{ ip_address: string }>(`SELECT e.ip_address FROM security_events e JOIN users u ON u.id = e.user_id WHERE u.email = $1 AND e.event = 'sign_in.failed' ORDER BY e.created_at`, [email])).rows.map((r) => r.ip_address);

    // A client rotating X-Forwarded-For is still the address it connects from.
    for (const forged of ["198.51.100.1", "198.51.100.2"]) {
      expect((await credentialsAttempt({ email, password: "wrong-password-1", headers: { "x-forwarded-for": forged } })).status).toBe(401);
    }
    // Through the trusted proxy, the address it reports is the client's.
    expect((await credentialsAttempt({ email, password: "wrong-password-2", from: "127.0.0.2", headers: { "x-forwarded-for": "198.51.100.77" } })).status).toBe(401);
    expect(await ipsOfFailures()).toEqual(["127.0.0.1", "127.0.0.1", "198.51.100.77"]);

    // The fifth failure starts a wait: 429 with Retry-After, and the form's message.
    await credentialsAttempt({ email, password: "wrong-password-3" });
    const fifth = await credentialsAttempt({ email, password: "wrong-password-4" });
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(fifth.body).url).toMatch(/error=Throttled(%3A|:)\d+/);
  } finally {
    await db.end();
  }
});

test("a callbackUrl that is not a URL of ours neither errors nor leaves the site", async ({ baseURL }) => {
  const email = uniqueEmail("callback");
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(`INSERT INTO users (email, password_hash, first_name, last_name, full_name) VALUES ($1, $2, 'Cal', 'Back', 'Cal Back')`, [email, await hashPassword(PASSWORD)]);
  } finally {
    await db.end();
  }
  const host = new URL(baseURL!).host;
  for (const callbackUrl of [`http://${host}.evil.example/`, "https://evil.example/x", "/\t/evil.example/x", "http://[broken"]) {
    const wrong = await credentialsAttempt({ email, password: "wrong-password", callbackUrl });
    expect(wrong.status, callbackUrl).toBe(401);
    const right = await credentialsAttempt({ email, password: PASSWORD, callbackUrl });
    expect(right.status, callbackUrl).toBe(200);
    expect(JSON.parse(right.body).url, callbackUrl).toBe(`${baseURL}/`);
  }
});

test("signing in gives the browser a device cookie for the sign-in route only", async ({ page }) => {
  await signUp(page);
  const device = (await page.context().cookies()).find((c) => c.name === "parley-device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/auth/callback" });
  expect(device!.value).toMatch(/^v1\./);
});
