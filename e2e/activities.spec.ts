import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a rep logs a call on a lead, finds it among all activities by type and opens it", async ({ page }) => {
  const { slug } = await signUp(page);
  await page.goto(`/${slug}/leads/new`);
  await page.getByLabel("Or a new company's name").fill("Acme Rockets");
  await page.getByRole("button", { name: "Create lead" }).click();
  await expect(page.getByRole("heading", { name: "Acme Rockets", level: 1 })).toBeVisible();

  // A call (the form's default kind), then a note, so the type filter has something to leave out.
  const log = page.getByRole("form", { name: "Log an interaction" });
  await log.getByLabel("Subject").fill("Discovery call");
  await log.getByLabel("Notes").fill("Great call, they love the product and are excited to start.");
  await log.getByLabel("Duration (minutes)").fill("25");
  await log.getByRole("button", { name: "Log call" }).click();
  await expect(log.getByRole("status")).toContainText("Call logged · sentiment positive");
  await log.getByRole("radiogroup", { name: "Kind of interaction" }).getByText("Note", { exact: true }).click();
  await log.getByLabel("Subject").fill("Budget note");
  await log.getByRole("textbox", { name: "Note", exact: true }).fill("Budget is set aside for next quarter.");
  await log.getByRole("button", { name: "Log note" }).click();
  await expect(log.getByRole("status")).toContainText("Note logged");

  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Activities" }).click();
  await expect(page.getByRole("heading", { name: "Activities", level: 1 })).toBeVisible();
  await expect(page.getByText("2 activities")).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "Discovery call" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Budget note" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /When/ })).toHaveAttribute("aria-sort", "descending");

  const filters = page.getByRole("search", { name: "Filter activities" });
  await filters.getByLabel("Type", { exact: true }).selectOption("call");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=call/);
  await expect(page.getByText("1 activity matches these filters")).toBeVisible();
  await expect(table.getByRole("link", { name: "Budget note" })).toHaveCount(0);
  const row = table.getByRole("row").filter({ hasText: "Discovery call" });
  await expect(row).toContainText("Call");
  await expect(row).toContainText("Positive");
  await expect(row).toContainText("Done");
  await expect(row.getByRole("link", { name: "Acme Rockets" })).toBeVisible();

  await row.getByRole("link", { name: "Discovery call" }).click();
  await expect(page.getByRole("heading", { name: "Discovery call", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${slug}/activities/[0-9a-f-]{36}$`));
  const call = page.getByRole("region", { name: "Call", exact: true });
  await expect(call).toContainText("25 min");
  await expect(page.getByRole("region", { name: "Details" })).toContainText(/Positive \(\d/);
  // On the lead and, through it, on its company: the lead comes first.
  const lead = page.getByRole("region", { name: "On", exact: true }).getByRole("link", { name: "Acme Rockets" }).first();
  await expect(lead).toHaveAttribute("href", new RegExp(`/${slug}/leads/`));
  await lead.click();
  await expect(page.getByRole("heading", { name: "Acme Rockets", level: 1 })).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/activity-record.png", fullPage: true });
});
