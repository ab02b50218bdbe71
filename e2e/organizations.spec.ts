import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("a user creates a second organization and switches between them", async ({ page }) => {
  const first = await signUp(page, { organizationName: `First ${Date.now()}` });
  const secondName = `Second ${Date.now()}`;

  await page.getByRole("button", { name: /Switch organization/ }).click();
  await page.getByRole("link", { name: "+ New organization" }).click();
  await page.getByLabel("Organization name").fill(secondName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("button", { name: new RegExp(`Organization: ${secondName}`) })).toBeVisible();
  const secondSlug = new URL(page.url()).pathname.slice(1);
  expect(secondSlug).not.toBe(first.slug);

  // The switcher works from the keyboard: Enter opens, the links are reachable, Escape closes.
  const switcher = page.getByRole("button", { name: /Switch organization/ });
  await switcher.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: new RegExp(first.organizationName) })).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/org-switcher.png" });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: new RegExp(first.organizationName) })).toBeHidden();
  await expect(switcher).toBeFocused();

  await switcher.click();
  await page.getByRole("link", { name: new RegExp(first.organizationName) }).click();
  await expect(page).toHaveURL(new RegExp(`/${first.slug}$`));
  await expect(page.getByRole("button", { name: new RegExp(`Organization: ${first.organizationName}`) })).toBeVisible();
});

test("an organization the user does not belong to is a 404, like one that does not exist", async ({ page }) => {
  const other = await signUp(page, { organizationName: `Private ${Date.now()}` });
  await page.context().clearCookies();
  await signUp(page);
  for (const slug of [other.slug, "no-such-organization"]) {
    const response = await page.goto(`/${slug}/members`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  }
});
