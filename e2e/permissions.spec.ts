import { expect, test } from "@playwright/test";
import { addMemberDirectly, signIn, signOut, signUp } from "./helpers";

test("a Viewer does not see admin areas, and the server refuses them anyway", async ({ page }) => {
  const { slug } = await signUp(page);
  await expect(page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Audit log" })).toBeVisible();
  await signOut(page);

  const viewer = await addMemberDirectly(slug, "Viewer");
  await signIn(page, viewer);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  const nav = page.getByRole("navigation", { name: "Product" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  const response = await page.goto(`/${slug}/audit-log`);
  expect(response?.status()).toBe(404);

  await page.goto(`/${slug}/members`);
  await expect(page.getByRole("cell", { name: /Viewer Person/ })).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/members.png", fullPage: true });
});
