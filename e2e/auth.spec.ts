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

test("a stranger's wrong passwords slow strangers down, never the owner on a browser they signed in with", async ({ page, browser }) => {
  const { email, slug } = await signUp(page);
  await signOut(page);

  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  for (let i = 0; i < 4; i++) {
    await signIn(stranger, email, `wrong-password-${i}`);
    await expect(formAlert(stranger)).toContainText("don't match an account");
  }
  await signIn(stranger, email, "wrong-password-final");
  await expect(formAlert(stranger)).toContainText(/Too many failed attempts\. Try again in \d+ seconds/);
  await stranger.screenshot({ path: ".data/test-results/screens/login-throttled.png", fullPage: true });
  // On a browser that never signed in to the account, even the right password waits its turn.
  await signIn(stranger, email, PASSWORD);
  await expect(formAlert(stranger)).toContainText("Too many failed attempts");
  await expect(stranger).toHaveURL(/\/login/);
  await strangerContext.close();

  // The owner's browser has its own budget: the stranger's failures don't reach it.
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
});

test("after signing in, a callbackUrl that leads off the site goes home instead", async ({ page, baseURL }) => {
  const { email } = await signUp(page);
  await signOut(page);
  for (const callbackUrl of ["%2F%09%2Fevil.example%2Fx", "%2F%0A%2Fevil.example%2Fx", "%2F%0D%2Fevil.example%2Fx", "%2F%5Cevil.example%2Fx", "%2F%2Fevil.example%2Fx", "https%3A%2F%2Fevil.example%2Fx"]) {
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
    expect(new URL(page.url()).origin, decodeURIComponent(callbackUrl)).toBe(baseURL);
    await signOut(page);
  }
  // A path of ours is still followed.
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/account/security")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/account/security`);
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await signIn(page, uniqueEmail("nobody"), "some-password-here");
  await expect(formAlert(page)).toContainText("don't match an account");
});
