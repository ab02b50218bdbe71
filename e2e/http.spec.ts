import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

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
