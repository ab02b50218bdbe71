import { expect, test } from "@playwright/test";
import { PASSWORD, formAlert, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("a new user signs up, lands in their organization, signs out and back in", async ({ page }) => {
  const { email, organizationName, slug } = await signUp(page, { firstName: "Nadia" });
  await expect(page.getByRole("heading", { name: "Welcome, Nadia" })).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`Organization: ${organizationName}`) })).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/home.png", fullPage: true });

  await signOut(page);
  await page.goto(`/${slug}`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
});

test("sign-up shows each problem beside its field and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your first name")).toBeVisible();
  await expect(page.getByText("Enter your email")).toBeVisible();

  await page.getByLabel("First name").fill("Pat");
  await page.getByLabel("Work email").fill(uniqueEmail("common"));
  await page.getByLabel("Password").fill("password123");
  await page.getByLabel("Organization name").fill("Common Password Co");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  // A reload keeps the draft (never the password).
  await page.reload();
  await expect(page.getByLabel("Organization name")).toHaveValue("Common Password Co");
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.screenshot({ path: ".data/test-results/screens/signup-errors.png", fullPage: true });
});

test("five wrong passwords lock the account for 15 minutes", async ({ page }) => {
  const { email } = await signUp(page);
  await signOut(page);
  for (let i = 0; i < 4; i++) {
    await signIn(page, email, `wrong-password-${i}`);
    await expect(formAlert(page)).toContainText("don't match an account");
  }
  await signIn(page, email, "wrong-password-final");
  await expect(formAlert(page)).toContainText("locked for 15 minutes");
  await signIn(page, email, PASSWORD);
  await expect(formAlert(page)).toContainText("locked for 15 minutes");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await signIn(page, uniqueEmail("nobody"), "some-password-here");
  await expect(formAlert(page)).toContainText("don't match an account");
});
