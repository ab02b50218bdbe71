import { expect, test } from "@playwright/test";
import { column, drag } from "./board";
import { signUp } from "./helpers";

// Wide enough that every column, Won and Lost included, is on screen at once: a drag then
// never starts from a card the board has scrolled away.
test.use({ viewport: { width: 1800, height: 1000 } });

test("a rep creates a deal and drags it across the board to Won; a loss asks why", async ({ page }) => {
  const { slug } = await signUp(page);
  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Pipeline" }).click();
  await expect(page.getByRole("heading", { name: "Sales" })).toBeVisible();
  for (const [name, value] of [["Umbrella rollout", "48000"], ["Cyberdyne pilot", "12000"]]) {
    await page.getByRole("link", { name: "New deal" }).click();
    await page.getByLabel("Deal name").fill(name!);
    await page.getByLabel("Value").fill(value!);
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page.getByRole("heading", { name: name! })).toBeVisible();
    await page.getByRole("link", { name: "Sales", exact: true }).click();
  }
  await expect(column(page, "Lead in")).toHaveAttribute("aria-label", "Lead in: 2 deals");

  await drag(page, column(page, "Lead in").locator("li", { hasText: "Umbrella rollout" }), column(page, "Negotiation"));
  await expect(column(page, "Negotiation").getByText("Umbrella rollout")).toBeVisible();
  await expect(column(page, "Negotiation")).toHaveAttribute("aria-label", "Negotiation: 1 deals");
  await expect(page).toHaveURL(/\/pipeline\//);

  await drag(page, column(page, "Negotiation").locator("li", { hasText: "Umbrella rollout" }), column(page, "Won"));
  await expect(column(page, "Negotiation")).toHaveAttribute("aria-label", "Negotiation: 0 deals");
  await page.screenshot({ path: ".data/test-results/screens/board.png" });

  await drag(page, column(page, "Lead in").locator("li", { hasText: "Cyberdyne pilot" }), column(page, "Lost"));
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Why was Cyberdyne pilot lost?");
  await dialog.getByLabel("Reason").fill("Chose to build in-house");
  await dialog.getByRole("button", { name: "Mark as lost" }).click();
  await expect(column(page, "Lead in")).toHaveAttribute("aria-label", "Lead in: 0 deals");

  await page.goto(`/${slug}/pipeline`);
  await page.getByRole("link", { name: "Table" }).click();
  await expect(page.getByRole("cell", { name: /Umbrella rollout/ })).toHaveCount(0);

});

test("the deal page shows the won deal's stage history", async ({ page }) => {
  await signUp(page);
  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Pipeline" }).click();
  await page.getByRole("link", { name: "New deal" }).click();
  await page.getByLabel("Deal name").fill("Soylent supply");
  await page.getByLabel("Value").fill("9,999.50");
  await page.getByRole("button", { name: "Create deal" }).click();
  await page.getByLabel("Stage", { exact: true }).selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByText("Lead in → Won")).toBeVisible();
  await expect(page.getByText("$9,999.50 · Won (100%) · Won")).toBeVisible();
  await page.getByLabel("Stage", { exact: true }).selectOption({ label: "Lost" });
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByText("Say why the deal was lost")).toBeVisible();
});
