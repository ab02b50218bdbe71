import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a rep adds a company, finds it, edits it, exports the list and deletes it", async ({ page }) => {
  const { slug } = await signUp(page);
  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Companies" }).click();
  await expect(page.getByRole("heading", { name: "No companies yet" })).toBeVisible();
  await page.getByRole("link", { name: "Add your first company" }).click();

  await page.getByLabel("Name", { exact: true }).fill("Wayne Enterprises");
  await page.getByLabel("Website").fill("wayne.example");
  await page.getByLabel("Annual revenue").fill("12.5 million");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByText("Annual revenue must be an amount")).toBeVisible();
  await page.getByLabel("Annual revenue").fill("12,500,000");
  await page.getByLabel("Lifecycle").selectOption("customer");
  await page.getByRole("button", { name: "Create company" }).click();

  await expect(page.getByRole("heading", { name: "Wayne Enterprises" })).toBeVisible();
  await expect(page.getByText("$12,500,000.00")).toBeVisible();
  await expect(page.getByText("Created Wayne Enterprises")).toBeVisible();

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Industry").fill("Conglomerate");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Updated industry")).toBeVisible();

  await page.goto(`/${slug}/companies`);
  await page.getByRole("link", { name: "New company" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Stark Industries");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { name: "Stark Industries" })).toBeVisible();

  await page.goto(`/${slug}/companies`);
  await page.getByLabel("Search", { exact: true }).fill("wayne");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("cell", { name: /Wayne Enterprises/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Stark Industries/ })).toHaveCount(0);
  await page.getByRole("button", { name: "+ Save current view" }).click();
  await page.getByLabel("View name").fill("Just Wayne");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("group", { name: "Saved views" }).getByRole("link", { name: "All" }).click();
  await expect(page.getByRole("cell", { name: /Stark Industries/ })).toBeVisible();
  await page.getByRole("group", { name: "Saved views" }).getByRole("link", { name: "Just Wayne" }).click();
  await expect(page.getByRole("cell", { name: /Stark Industries/ })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: /Wayne Enterprises/ })).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/companies.png", fullPage: true });

  const csv = await (await page.request.get(`/api/export/companies?org=${slug}&search=wayne`)).text();
  expect(csv).toContain("Wayne Enterprises,customer");
  expect(csv).not.toContain("Stark Industries");

  await page.getByRole("link", { name: "Wayne Enterprises" }).click();
  await expect(page.getByRole("heading", { name: "Wayne Enterprises", level: 1 })).toBeVisible();
  // A dialog opened while the rest of the page streams in can be remounted shut: open it until it stays.
  await expect(async () => {
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete company" }).click({ timeout: 2_000 });
  }).toPass();
  await expect(page).toHaveURL(new RegExp(`/${slug}/companies$`));
  await expect(page.getByRole("cell", { name: /Wayne Enterprises/ })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: /Stark Industries/ })).toBeVisible();
});
