import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a rep adds a contact linked to a company and finds them from the company", async ({ page }) => {
  const { slug } = await signUp(page);
  await page.goto(`/${slug}/companies/new`);
  await page.getByLabel("Name", { exact: true }).fill("Hooli");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { name: "Hooli" })).toBeVisible();

  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Contacts" }).click();
  await page.getByRole("link", { name: "Add a contact" }).click();
  await page.getByLabel("First name").fill("Gavin");
  await page.getByLabel("Last name").fill("Belson");
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByLabel("Companies").fill("hoo");
  await page.getByRole("list", { name: "Matching companies" }).getByRole("button", { name: "Hooli" }).click();
  await expect(page.getByRole("list", { name: "Linked companies" })).toContainText("Hooli");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill("gavin@hooli.example");
  await page.getByRole("button", { name: "Create contact" }).click();

  await expect(page.getByRole("heading", { name: "Gavin Belson" })).toBeVisible();
  await page.getByRole("link", { name: "Hooli", exact: true }).click();
  await expect(page.getByRole("link", { name: "Gavin Belson" })).toBeVisible();
  await expect(page.getByText("Gavin Belson linked as a contact")).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/company-with-contact.png", fullPage: true });
});
