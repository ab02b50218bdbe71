import { type Page, expect, test } from "@playwright/test";
import { column, drag } from "./board";
import { openSearch, signIn } from "./helpers";

// The demo organization `npm start` seeds (a smaller one here), as a sales rep sees it.
const REP = { email: "rep@demo.parley.test", password: "parley-demo-owner", name: "Riya Rep" };

test.use({ viewport: { width: 1800, height: 1000 } });

/** The rep's own numbers on the sales dashboard: deals won and activities in the default range. */
async function myDashboard(page: Page) {
  await page.goto("/demo/sales");
  const filters = page.getByRole("search", { name: "Filter the dashboard" });
  await filters.getByLabel("Owner").selectOption({ label: REP.name });
  await filters.getByRole("button", { name: /Apply|Show/ }).click();
  await expect(page).toHaveURL(/owner=/);
  const card = (label: string) => page.locator("dl > div").filter({ has: page.getByText(label, { exact: true }) });
  const won = Number((await card("Win rate").locator("dd").nth(1).textContent())?.match(/(\d+) won/)?.[1] ?? "0");
  const activities = Number((await card("Activities").locator("dd").first().textContent())?.replace(/,/g, ""));
  return { won, activities };
}

test("a rep finds a demo lead with Ctrl-K, logs a call, converts it, wins the deal and sees the dashboard move", async ({ page }) => {
  await signIn(page, REP.email, REP.password);
  await expect(page).toHaveURL(/\/demo/);
  const before = await myDashboard(page);

  await page.goto("/demo/leads?assignee=me&status=contacted");
  const name = (await page.locator("tbody tr td a").first().textContent())!.trim();

  await page.goto("/demo");
  await openSearch(page);
  await page.getByRole("combobox", { name: /^Search/ }).fill(name);
  const hit = page.getByRole("option").filter({ hasText: "Lead" }).filter({ hasText: name }).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  const log = page.getByRole("form", { name: "Log an interaction" });
  await log.getByLabel("Subject").fill("Pricing call");
  await log.getByLabel("Notes").fill("Good call: they like the proposal and want to move ahead this month.");
  await log.getByRole("button", { name: "Log call" }).click();
  await expect(log.getByRole("status")).toContainText("Call logged");

  await page.getByRole("link", { name: "Convert to deal" }).click();
  await page.getByLabel("Value").fill("42000");
  await page.getByLabel("Expected close").fill("2031-01-15");
  await page.getByRole("button", { name: "Convert to deal" }).click();
  await expect(page.getByRole("heading", { name: `${name} deal` })).toBeVisible();

  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Pipeline" }).click();
  const filters = page.getByRole("form", { name: "Filter deals" });
  await filters.getByLabel("Owner").selectOption({ label: REP.name });
  await filters.getByLabel("Closing from").fill("2031-01-01");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2031-01-01/);
  // The rep's new deal, by its card: the demo organization is shared by this test's retries,
  // so a count of deals in a column would include what an earlier attempt converted.
  const deal = (stage: string) => column(page, stage).locator("li", { hasText: `${name} deal` });
  await expect(deal("Lead in")).toBeVisible();
  const qualified = page.waitForResponse((r) => r.url().includes("opportunities.move") && r.ok());
  await drag(page, deal("Lead in"), column(page, "Qualified"));
  await qualified;
  await expect(deal("Qualified")).toBeVisible();
  await expect(deal("Lead in")).toHaveCount(0);
  const won = page.waitForResponse((r) => r.url().includes("opportunities.move") && r.ok());
  await drag(page, deal("Qualified"), column(page, "Won"));
  await won;
  await expect(deal("Qualified")).toHaveCount(0);

  const after = await myDashboard(page);
  expect(after.won).toBe(before.won + 1);
  expect(after.activities).toBe(before.activities + 1);
  await page.screenshot({ path: ".data/test-results/screens/sales-dashboard.png", fullPage: true });
});
