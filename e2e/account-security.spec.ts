import { type Page, expect, test } from "@playwright/test";
import { generate } from "otplib";
import { PASSWORD, addMemberDirectly, signIn, signOut, signUp } from "./helpers";

/**
 * The code an authenticator app shows, half a step ahead: the enrolment (or the last sign-in)
 * spent the current step's code, and Parley never accepts a step twice; it allows one step of
 * clock drift either way.
 */
const codeFor = (secret: string, aheadSeconds = 30) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });

/** Opens the newest email to `to` with this subject in the dev outbox and follows its link. */
async function followEmailLink(page: Page, to: string, subject: RegExp, linkPath: string) {
  await page.goto("/dev/outbox");
  await page.getByRole("row", { name: new RegExp(to) }).filter({ hasText: subject }).first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(linkPath) }).click();
}

test("sign up, verify the email, turn on two-factor authentication, and sign in with a code", async ({ page, browser }) => {
  const { email, slug, organizationName } = await signUp(page, { firstName: "Sam" });

  // Until the address is verified, every page says so and offers a new link.
  const banner = page.getByRole("region", { name: "Verify your email" });
  await expect(banner).toContainText(`We sent a link to ${email}`);
  await page.screenshot({ path: "/tmp/security-banner.png", fullPage: true });

  await followEmailLink(page, email, /Verify your email address/, "/verify-email");
  await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
  await page.screenshot({ path: "/tmp/security-verified.png", fullPage: true });
  await page.goto(`/${slug}`);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Two-factor authentication, from the account menu.
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("banner").getByRole("link", { name: "Account security" }).click();
  await expect(page.getByRole("heading", { name: "Account security", level: 1 })).toBeVisible();
  await page.screenshot({ path: "/tmp/security-account.png", fullPage: true });
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByLabel(/setup key/i).innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.screenshot({ path: "/tmp/security-2fa-setup.png", fullPage: true });

  // A wrong code is refused beside the field.
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  const right = await generate({ secret });
  if (right !== "000000") await expect(page.getByText("That code didn't match")).toBeVisible();
  await page.getByLabel("Code from your app").fill(right);
  await page.getByRole("button", { name: "Turn on" }).click();

  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allInnerTexts();
  await page.screenshot({ path: "/tmp/security-recovery-codes.png", fullPage: true });
  const done = page.getByRole("button", { name: "Done" });
  await expect(done).toBeDisabled();
  await page.getByLabel("I've saved my recovery codes").check();
  await done.click();
  await expect(page.getByText("10 of 10 recovery codes left")).toBeVisible();
  await expect(page.getByText("Two-factor authentication turned on")).toBeVisible();

  // The organization can now require it of everyone.
  await page.goto(`/${slug}/settings/security`);
  const requirement = page.getByRole("switch", { name: "Require two-factor authentication" });
  await expect(requirement).toHaveAttribute("aria-checked", "false");
  await requirement.click();
  await expect(requirement).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: "/tmp/security-org-policy.png", fullPage: true });

  // A member without it is sent to set it up, and the API refuses them meanwhile.
  const memberEmail = await addMemberDirectly(slug, "Member");
  const memberDevice = await browser.newContext();
  const member = await memberDevice.newPage();
  await signIn(member, memberEmail);
  // Signing in lands in their (only) organization, which sends them to set it up first…
  await expect(member).toHaveURL(new RegExp(`/account/security\\?required=${slug}`));
  // …and so does any of its pages.
  await member.goto(`/${slug}/leads`);
  await expect(member).toHaveURL(new RegExp(`/account/security\\?required=${slug}`));
  await expect(member.getByRole("alert").filter({ hasText: `${organizationName} requires two-factor authentication` })).toBeVisible();
  await member.screenshot({ path: "/tmp/security-required.png", fullPage: true });
  const refused = await member.request.get(`/api/trpc/organizations.current`, { headers: { "x-parley-org": slug } });
  expect(refused.status()).toBe(403);
  expect(JSON.stringify(await refused.json())).toContain("requires two-factor authentication");
  await memberDevice.close();

  // Signing in again asks for the code after the password.
  await signOut(page);
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.screenshot({ path: "/tmp/security-2fa-sign-in.png", fullPage: true });
  await page.getByLabel("Authentication code").fill("123 45x");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code didn't work")).toBeVisible();
  await page.getByLabel("Authentication code").fill(await codeFor(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole("heading", { name: /Welcome, Sam/ })).toBeVisible();

  // A recovery code works instead of the app, once.
  await signOut(page);
  await signIn(page, email);
  await page.getByRole("button", { name: /Use a recovery code/ }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await page.goto("/account/security");
  await expect(page.getByText("9 of 10 recovery codes left")).toBeVisible();
  await expect(page.getByText("Signed in with password and recovery code")).toBeVisible();

  // On a phone the settings stack into one column.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/security-account-mobile.png", fullPage: true });
  await page.goto(`/${slug}/settings/security`);
  await expect(page.getByRole("switch", { name: "Require two-factor authentication" })).toBeVisible();
  await page.screenshot({ path: "/tmp/security-org-policy-mobile.png", fullPage: true });
});

test("forgot password: a link from the outbox sets a new password and signs out everywhere", async ({ page, browser }) => {
  const { email, slug } = await signUp(page, { firstName: "Rosa" });
  await signOut(page);

  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  // Buttons are enabled once the page is interactive: what is typed before that could be lost.
  await expect(page.getByRole("button", { name: "Email me a reset link" })).toBeEnabled();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If there's a Parley account for ${email}`);
  await page.screenshot({ path: "/tmp/security-forgot-sent.png", fullPage: true });

  // Another device is still signed in; the reset ends that session too.
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await signIn(other, email);
  await expect(other).toHaveURL(new RegExp(`/${slug}$`));

  await followEmailLink(page, email, /Reset your Parley password/, "/reset-password");
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Set new password" })).toBeEnabled();
  const newPassword = "a-brand-new-passphrase-e2e";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill("something-else-entirely");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The passwords don't match")).toBeVisible();
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password has been changed")).toBeVisible();
  await page.screenshot({ path: "/tmp/security-reset-done.png", fullPage: true });
  const resetUrl = page.url();

  await other.goto(`/${slug}/leads`);
  await expect(other).toHaveURL(/\/login/);
  await otherDevice.close();

  // The link works once.
  await page.goto(resetUrl);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await page.screenshot({ path: "/tmp/security-reset-expired.png", fullPage: true });

  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("form").getByRole("alert").first()).toContainText("don't match an account");
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
});

test("the sign-in page offers no provider buttons when none is configured", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Continue with/ })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Other ways to sign in" })).toHaveCount(0);
  await page.screenshot({ path: "/tmp/security-login.png", fullPage: true });
});
