import { expect, test } from "@playwright/test";
import { openSearch, signUp } from "./helpers";

test("Ctrl-K finds a company despite a typo and opens it from the keyboard", async ({ page }) => {
  const { slug } = await signUp(page);
  for (const name of ["Initech Software", "Initrode Hardware"]) {
    await page.goto(`/${slug}/companies/new`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create company" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  await page.goto(`/${slug}`);
  const box = page.getByRole("combobox", { name: /^Search/ });
  await openSearch(page);
  await expect(box).toBeFocused();
  await box.fill("initek softwre");
  const first = page.getByRole("option").first();
  await expect(first).toContainText("Initech Software");
  await expect(first).toHaveAttribute("aria-selected", "true");
  await page.screenshot({ path: ".data/test-results/screens/command-palette.png" });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Initech Software" })).toBeVisible();

  await page.keyboard.press("Control+k");
  await page.getByRole("combobox", { name: /^Search/ }).fill("initrode");
  await expect(page.getByRole("option").first()).toContainText("Initrode Hardware");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("combobox", { name: /^Search/ })).toBeHidden();
});
