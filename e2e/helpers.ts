import { randomBytes } from "node:crypto";
import { type Page, expect } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../src/server/auth/password";

export const PASSWORD = "e2e-strong-passphrase-7";

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@e2e.parley.dev`;

export async function signUp(page: Page, opts: { firstName?: string; email?: string; organizationName?: string } = {}) {
  const email = opts.email ?? uniqueEmail("user");
  const organizationName = opts.organizationName ?? `Org ${randomBytes(3).toString("hex")}`;
  await page.goto("/signup");
  await page.getByLabel("First name").fill(opts.firstName ?? "Erin");
  await page.getByLabel("Last name").fill("Tester");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization name").fill(organizationName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  return { email, organizationName, slug: new URL(page.url()).pathname.slice(1) };
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The form's own error banner (Next's route announcer is also role=alert). */
export const formAlert = (page: Page) => page.getByRole("form").getByRole("alert").first();

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Adds a member with a given role straight in the database (invitations arrive later). */
export async function addMemberDirectly(orgSlug: string, roleName: string): Promise<string> {
  const email = uniqueEmail(roleName.toLowerCase());
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const user = await client.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, first_name, last_name, full_name) VALUES ($1, $2, $3, 'Person', $4) RETURNING id`,
      [email, await hashPassword(PASSWORD), roleName, `${roleName} Person`],
    );
    await client.query(
      `INSERT INTO memberships (organization_id, user_id, role_id)
       SELECT o.id, $2, r.id FROM organizations o JOIN roles r ON r.organization_id = o.id AND r.name = $3 WHERE o.slug = $1`,
      [orgSlug, user.rows[0]!.id, roleName],
    );
  } finally {
    await client.end();
  }
  return email;
}

/** Opens the Ctrl-K palette once the page's shortcut is listening (its Search button turns enabled then). */
export async function openSearch(page: Page) {
  await expect(page.getByRole("button", { name: /^Search…/ })).toBeEnabled();
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("combobox", { name: /^Search/ })).toBeVisible();
}
