import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUp } from "./helpers";

test("revoking a session signs that device out on its next request", async ({ page, browser }) => {
  const { email, slug } = await signUp(page);

  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await signIn(other, email, PASSWORD);
  await expect(other).toHaveURL(new RegExp(`/${slug}$`));

  await page.goto("/account/sessions");
  const sessions = page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(page.getByText("This device")).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/sessions.png", fullPage: true });
  await page.getByRole("button", { name: /^Revoke session/ }).click();
  await expect(sessions).toHaveCount(1);

  await other.goto(`/${slug}/members`);
  await expect(other).toHaveURL(/\/login/);
  await otherDevice.close();

  // This device is unaffected.
  await page.goto(`/${slug}`);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
});
