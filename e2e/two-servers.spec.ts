// Two app servers on one database, as behind a load balancer: the suite's server (A) and a
// second production server started here (B). Nothing a request or a job needs lives in one
// server's memory, so sessions, throttles, jobs and after-commit mail behave as with one.
import { type ChildProcess, spawn } from "node:child_process";
import { type Page, expect, test } from "@playwright/test";
import pg from "pg";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";
import { E2E_PORT, credentialsAttempt } from "./raw-http";
import { STRIPE_E2E_ENV } from "./stripe-env";

const PORT_B = E2E_PORT + 1;
const A = `http://localhost:${E2E_PORT}`;
const B = `http://localhost:${PORT_B}`;

let serverB: ChildProcess;
let serverBOutput = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  serverB = spawn(process.execPath, ["scripts/serve.mjs", "start", "-p", String(PORT_B)], {
    env: { ...process.env, NEXTAUTH_URL: B, AUTH_IP_MAX_ATTEMPTS: "1000", PARLEY_DEV_OUTBOX: "1", SMTP_URL: "", ...STRIPE_E2E_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  serverB.stdout!.on("data", (chunk: Buffer) => (serverBOutput += chunk.toString()));
  serverB.stderr!.on("data", (chunk: Buffer) => (serverBOutput += chunk.toString()));
  await expect
    .poll(async () => (await fetch(`${B}/login`).catch(() => null))?.status ?? 0, { timeout: 90_000, message: `server B did not start:\n${serverBOutput}` })
    .toBe(200);
});

test.afterAll(async () => {
  if (!serverB || serverB.exitCode !== null) return;
  const exited = new Promise((resolve) => serverB.once("exit", resolve));
  serverB.kill("SIGTERM");
  await exited;
});

async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A tRPC call from the signed-in page's browser context, to either server (as its own origin). */
async function trpc(page: Page, server: string, slug: string, path: string, input: unknown, method: "query" | "mutation") {
  const headers = { origin: server, "x-parley-org": slug };
  const response =
    method === "mutation"
      ? await page.request.post(`${server}/api/trpc/${path}`, { data: { json: input }, headers })
      : await page.request.get(`${server}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

test("a session opened on one server holds on the other, and signing out on one ends it on both", async ({ page, context }) => {
  const { slug } = await signUp(page);
  await page.goto(`${B}/${slug}`);
  await expect(page).toHaveURL(`${B}/${slug}`);
  await expect(page.getByRole("navigation", { name: "Product" })).toBeVisible();

  const cookies = await context.cookies();
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The same cookie, put back: server A checks the session row B revoked, and refuses it.
  await context.addCookies(cookies);
  await page.goto(`${A}/${slug}`);
  await expect(page).toHaveURL(/\/login/);
});

test("failed sign-ins count against one throttle, whichever server takes them", async ({ page }) => {
  const { email } = await signUp(page, { email: uniqueEmail("throttled") });
  // Each server alone would let five failures through before waiting: spread over both, the
  // shared count makes a wait come sooner than any one server's count could.
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 7 && !statuses.includes(429); attempt++) {
    const port = attempt % 2 === 0 ? E2E_PORT : PORT_B;
    statuses.push((await credentialsAttempt({ email, password: `wrong-${attempt}-${PASSWORD}`, port })).status);
  }
  expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.length).toBeLessThanOrEqual(6 + 1);
  // Both servers now make this address wait, even for the right password from an unknown device.
  const lastPort = statuses.length % 2 === 1 ? E2E_PORT : PORT_B;
  const other = lastPort === E2E_PORT ? PORT_B : E2E_PORT;
  expect((await credentialsAttempt({ email, password: PASSWORD, port: other })).status).toBe(429);
});

test("an export asked of one server runs once, on whichever server's worker takes it", async ({ page }) => {
  test.setTimeout(120_000);
  const { slug } = await signUp(page);
  const { id } = (await trpc(page, B, slug, "organizations.requestExport", null, "mutation")) as { id: string };
  await expect
    .poll(async () => ((await trpc(page, A, slug, "organizations.export", { id }, "query")) as { status: string }).status, { timeout: 90_000 })
    .toBe("completed");
  const { jobs, attempts } = await withDb(async (db) => ({
    jobs: (await db.query("SELECT state FROM pgboss.job WHERE name = 'organization-export' AND data->>'exportId' = $1", [id])).rows,
    attempts: (await db.query<{ attempts: number }>("SELECT attempts FROM organization_exports WHERE id = $1", [id])).rows[0]!.attempts,
  }));
  expect(jobs).toEqual([{ state: "completed" }]);
  expect(attempts).toBe(1);
});

test("mail sent after commit on one server is there exactly once, for every server's outbox", async ({ page }) => {
  const { slug } = await signUp(page);
  const invitee = uniqueEmail("invitee");
  const roleId = await withDb(async (db) =>
    (await db.query<{ id: string }>("SELECT r.id FROM roles r JOIN organizations o ON o.id = r.organization_id WHERE o.slug = $1 AND r.name = 'Member'", [slug])).rows[0]!.id,
  );
  await trpc(page, B, slug, "invitations.create", { email: invitee, roleId }, "mutation");
  const mails = await withDb(async (db) => (await db.query("SELECT subject FROM dev_outbox_messages WHERE to_address = $1", [invitee])).rows);
  expect(mails).toHaveLength(1);
  await page.goto(`${A}/dev/outbox`);
  await expect(page.getByText(invitee)).toHaveCount(1);
});
