import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("an admin builds the product catalog: field errors, create, edit, deactivate", async ({ page }) => {
  const org = await signUp(page);
  await page.goto(`/${org.slug}/products`);
  await expect(page.getByRole("heading", { name: "Your catalog is empty" })).toBeVisible();
  await page.getByRole("link", { name: "Add your first product" }).click();
  // The form is React's once its button is enabled; typing before that would be reset.
  await expect(page.getByRole("button", { name: "Create product" })).toBeEnabled();
  await page.getByLabel("Name").fill("Implementation package");
  await page.getByLabel("Unit price").fill("12.345");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Unit price must be a number with at most 2 decimals")).toBeVisible();
  await page.getByLabel("Unit price").fill("4,500");
  await page.getByLabel("SKU").fill("IMPL-1");
  await page.getByLabel("Tax rate (%)").fill("8.25");
  await page.getByRole("button", { name: "Create product" }).click();

  const row = page.getByRole("row", { name: /Implementation package/ });
  await expect(row).toContainText("$4,500.00");
  await expect(row).toContainText("8.25%");
  await row.getByRole("link", { name: "Implementation package" }).click();
  await expect(page.getByRole("button", { name: "Save product" })).toBeEnabled();
  await page.getByLabel("Billing").selectOption("yearly");
  await page.getByLabel(/Active/).uncheck();
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("heading", { name: "No active products" })).toBeVisible();
  await page.getByLabel("Status").selectOption("all");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("row", { name: /Implementation package/ })).toContainText("Yearly");
  await expect(page.getByRole("row", { name: /Implementation package/ })).toContainText("Inactive");
  await page.screenshot({ path: ".data/test-results/screens/products.png", fullPage: true });
});
