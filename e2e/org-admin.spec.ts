import { type APIRequestContext, expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const trpcGet = (request: APIRequestContext, path: string, token: string, headers: Record<string, string> = {}) =>
  request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

test("an admin's day: settings, an API key that reads only its organization, the audit log, a full export, then deletion", async ({ page, request }) => {
  const theirs = await signUp(page, { organizationName: `Other ${Date.now()}` });
  await page.context().clearCookies();
  const org = await signUp(page, { organizationName: `Admin Co ${Date.now()}` });

  // A company to read back through the API.
  await page.goto(`/${org.slug}/companies/new`);
  await page.getByLabel("Name", { exact: true }).fill("Keyed Logistics");
  await page.getByRole("button", { name: /Create company|Save/ }).click();
  await expect(page.getByRole("heading", { name: "Keyed Logistics" })).toBeVisible();

  // Settings: time zone and currency.
  await page.goto(`/${org.slug}/settings`);
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  // An API key with one scope, shown once.
  await page.goto(`/${org.slug}/settings/api-keys`);
  await page.getByLabel("Name").fill("Warehouse sync");
  await page.getByRole("checkbox", { name: "companies: read" }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const token = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(token).toMatch(/^prly_/);
  await page.screenshot({ path: ".data/test-results/screens/api-key-created.png", fullPage: true });
  await page.getByRole("button", { name: "Done" }).click();

  const read = await trpcGet(request, "companies.list", token);
  expect(read.status()).toBe(200);
  const body = (await read.json()) as { result: { data: { json: { items: { name: string }[] } } } };
  expect(body.result.data.json.items.map((c) => c.name)).toEqual(["Keyed Logistics"]);
  expect((await trpcGet(request, "companies.list", token, { "x-parley-org": theirs.slug })).status()).toBe(404);

  await page.reload();
  await expect(page.getByRole("row", { name: /Warehouse sync/ })).toContainText("active");
  await page.getByRole("row", { name: /Warehouse sync/ }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /Warehouse sync/ })).toContainText("revoked");
  expect((await trpcGet(request, "companies.list", token)).status()).toBe(401);

  // The audit log shows it all, filterable, with what changed.
  await page.goto(`/${org.slug}/audit-log`);
  await page.getByLabel("Action").selectOption("api_key");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("cell", { name: "api_key.revoke" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "api_key.create" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "organization.update" })).toHaveCount(0);
  await page.getByLabel("Action").selectOption("organization.update");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByText(/2 fields/).click();
  await expect(page.getByRole("row", { name: /timezone/ })).toContainText("Europe/Berlin");
  await page.screenshot({ path: ".data/test-results/screens/audit-log.png", fullPage: true });

  // A full export, made in the background, with progress, then downloadable.
  await page.goto(`/${org.slug}/settings`);
  await page.getByRole("button", { name: "Export all data" }).click();
  const download = page.getByRole("link", { name: "Download" });
  await expect(download).toBeVisible({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${org.slug}-export-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  await page.screenshot({ path: ".data/test-results/screens/settings.png", fullPage: true });

  // Deleting needs the exact name.
  const remove = page.getByRole("button", { name: "Delete organization" });
  await page.getByLabel(/Type .* to confirm/).fill(org.organizationName.toLowerCase());
  await expect(remove).toBeDisabled();
  await page.getByLabel(/Type .* to confirm/).fill(org.organizationName);
  await remove.click();
  await expect(page).toHaveURL(/\/dashboard|\/orgs\/new/);
  expect((await page.goto(`/${org.slug}`))?.status()).toBe(404);
});
