import { expect, test } from "@playwright/test";
import pg from "pg";
import { signUp, uniqueEmail } from "./helpers";

test("an owner invites a colleague, who creates an account from the emailed link and lands in the org", async ({ page, browser }) => {
  const { slug, organizationName } = await signUp(page, { firstName: "Olivia" });
  await page.goto(`/${slug}/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.screenshot({ path: "/tmp/members-page.png", fullPage: true });

  // The form checks with the procedure's own schema, and says what is wrong beside the field.
  const form = page.getByRole("form", { name: "Invite a teammate" });
  const sendButton = form.getByRole("button", { name: "Send invitation" });
  await expect(sendButton).toBeEnabled();
  await form.getByLabel("Email address").fill("not-an-email");
  await sendButton.click();
  await expect(form.getByText("Enter a valid email address")).toBeVisible();

  const colleague = uniqueEmail("colleague");
  await form.getByLabel("Email address").fill(colleague);
  await form.getByLabel("Role").selectOption({ label: "Manager" });
  await sendButton.click();
  await expect(form.getByRole("status")).toContainText(`Invitation sent to ${colleague}`);
  const invitations = page.getByRole("table", { name: "Pending and expired invitations" });
  await expect(invitations.getByRole("row", { name: new RegExp(colleague) })).toContainText("Manager");
  await page.screenshot({ path: "/tmp/members-invited.png", fullPage: true });

  // The colleague, on their own device, opens the email in the dev outbox and follows its link.
  const device = await browser.newContext();
  const other = await device.newPage();
  await other.goto("/dev/outbox");
  await other.getByRole("row", { name: new RegExp(colleague) }).getByRole("link").click();
  await expect(other.getByRole("heading", { name: new RegExp(`invited you to join ${organizationName}`) })).toBeVisible();
  await other.getByRole("link", { name: /\/invite\// }).click();

  await expect(other.getByRole("heading", { name: `Join ${organizationName} on Parley` })).toBeVisible();
  await expect(other.getByText("as Manager")).toBeVisible();
  await other.screenshot({ path: "/tmp/members-invite-page.png", fullPage: true });
  const inviteUrl = other.url();

  const signUpForm = other.getByRole("form", { name: "Create your account" });
  await expect(signUpForm.getByLabel("Email")).toHaveValue(colleague);
  await signUpForm.getByLabel("First name").fill("Colin");
  await signUpForm.getByLabel("Last name").fill("Colleague");
  await signUpForm.getByLabel("Password").fill("password");
  await signUpForm.getByRole("button", { name: `Create account and join ${organizationName}` }).click();
  await expect(signUpForm.getByText(/too common/)).toBeVisible();
  await signUpForm.getByLabel("Password").fill("colleague-strong-passphrase-3");
  await signUpForm.getByRole("button", { name: `Create account and join ${organizationName}` }).click();

  await expect(other).toHaveURL(new RegExp(`/${slug}$`));
  await expect(other.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  // A Manager reads members and the audit log but does not manage roles.
  const nav = other.getByRole("navigation", { name: "Product" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Roles" })).toHaveCount(0);

  // The link was single-use.
  await other.goto(inviteUrl);
  await expect(other.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await other.screenshot({ path: "/tmp/members-invite-used.png", fullPage: true });
  await device.close();

  // The owner sees them as a member, and the invitation is gone.
  await page.reload();
  const people = page.getByRole("table", { name: "Members, their roles and access" });
  await expect(people.getByRole("row", { name: /Colin Colleague/ })).toBeVisible();
  await expect(people.getByRole("row", { name: /Colin Colleague/ }).getByLabel("Role for Colin Colleague")).toHaveValue(/.+/);
  await expect(page.getByText("No pending invitations")).toBeVisible();
  await page.screenshot({ path: "/tmp/members-joined.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/members-mobile.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The owner changes their role, then deactivates them (asked first, in a dialog).
  const colin = people.getByRole("row", { name: /Colin Colleague/ });
  await colin.getByLabel("Role for Colin Colleague").selectOption({ label: "Viewer" });
  await expect(colin.getByRole("status")).toHaveText("Now Viewer");
  await colin.getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Colin Colleague?" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: "/tmp/members-deactivate-dialog.png" });
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(colin.getByRole("cell", { name: /^Deactivated Joined/ })).toBeVisible();
  await expect(colin.getByRole("button", { name: "Reactivate" })).toBeVisible();

  // A bad link gets a clear page, not an error.
  await page.goto("/invite/not-a-real-token");
  await expect(page.getByRole("heading", { name: "This invitation link isn't valid" })).toBeVisible();
  await page.screenshot({ path: "/tmp/members-invite-invalid.png", fullPage: true });
});

test("an owner creates a custom role and edits its permissions with the keyboard", async ({ page }) => {
  const { slug } = await signUp(page, { firstName: "Rhea" });
  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Roles" }).click();
  await expect(page.getByRole("heading", { name: "Roles and permissions", level: 1 })).toBeVisible();
  await page.screenshot({ path: "/tmp/members-roles.png", fullPage: true });

  const create = page.getByRole("form", { name: "Create a role" });
  await create.getByLabel("Role name").fill("Viewer");
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(create.getByText(/belongs to a built-in role/)).toBeVisible();
  await create.getByLabel("Role name").fill("Lead Researcher");
  await create.getByLabel("Start with the permissions of").selectOption({ label: "Viewer" });
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/roles/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: "Lead Researcher", level: 1 })).toBeVisible();

  const leadsWrite = page.getByRole("checkbox", { name: "Leads: Create & edit" });
  await expect(page.getByRole("checkbox", { name: "Leads: View" })).toBeChecked();
  await expect(leadsWrite).not.toBeChecked();
  await expect(leadsWrite).toBeEnabled();
  // Keyboard: focus View, arrow right to Create & edit, Space to check it.
  await page.getByRole("checkbox", { name: "Leads: View" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(leadsWrite).toBeFocused();
  await page.keyboard.press("Space");
  await expect(leadsWrite).toBeChecked();
  await expect(page.getByText("1 unsaved change")).toBeVisible();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.screenshot({ path: "/tmp/members-role-matrix.png", fullPage: true });

  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Leads: Create & edit" })).toBeChecked();

  // The Owner role's grid is read-only.
  await page.getByRole("link", { name: "Roles and permissions" }).click();
  await page.getByRole("link", { name: "Owner", exact: true }).click();
  await expect(page.getByText("The Owner role always has every permission")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Billing and plan: Administer" })).toBeDisabled();
});

test("inviting past the plan's seats is refused, naming the limit, with a way to upgrade", async ({ page }) => {
  const { slug } = await signUp(page, { firstName: "Sam" });
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query("UPDATE organizations SET max_users = 1 WHERE slug = $1", [slug]).finally(() => db.end());

  await page.goto(`/${slug}/members`);
  await expect(page.getByText("All seats are in use.")).toBeVisible();
  const form = page.getByRole("form", { name: "Invite a teammate" });
  await form.getByLabel("Email address").fill(uniqueEmail("overflow"));
  await form.getByRole("button", { name: "Send invitation" }).click();
  const refusal = form.getByRole("alert").filter({ hasText: "includes 1 seat" });
  await expect(refusal).toContainText("all are in use (1 active member, 0 pending invitations)");
  await expect(refusal.getByRole("link", { name: "Upgrade your plan" })).toHaveAttribute("href", `/${slug}/settings/billing`);
  await page.screenshot({ path: "/tmp/members-seats-full.png", fullPage: true });
});
