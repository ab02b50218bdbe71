import { afterEach, describe, expect, it, vi } from "vitest";
import { authenticate } from "@/server/auth/sign-in";
import { listUserOrganizations } from "@/server/db/system/sessions";
import {
  type TestOrg, addMember, callerAs, createOrgWithOwner, newAppPool, ownerPool, uniqueEmail,
} from "../../../test/helpers/fixtures";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";

// Every join through an invitation changes the number of seats; billing hears of each one.
const seatChanges = vi.hoisted(() => [] as string[]);
vi.mock("@/features/billing/seat-sync", () => ({ afterSeatChange: (scope: { orgId: string }) => { seatChanges.push(scope.orgId); } }));

const meta = { ip: "198.51.100.4", userAgent: "vitest" };
const smtp = withTestSmtp();

afterEach(() => { vi.useRealTimers(); });

/** Plan limits apply while billing is on (STRIPE_SECRET_KEY set); self-hosted has none. */
async function withBilling<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.STRIPE_SECRET_KEY;
  process.env.STRIPE_SECRET_KEY = "sk_test_parley_seats";
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.STRIPE_SECRET_KEY;
    else process.env.STRIPE_SECRET_KEY = saved;
  }
}

async function roleId(org: TestOrg, name: string) {
  const roles = await callerAs(org.owner, org.slug).roles.list();
  return roles.find((r) => r.name === name)!.id;
}

/** Invites `email` into `org` as `role` and returns the link's token from the email that arrived. */
async function invite(org: TestOrg, email: string, role = "Member") {
  const api = callerAs(org.owner, org.slug);
  const invitation = await api.invitations.create({ email, roleId: await roleId(org, role) });
  const mail = await smtp.current.waitFor(email, /invited you/);
  const link = linkIn(mail, "/invite/");
  return { invitation, mail, link, token: tokenOf(mail) };
}

const anonymous = () => callerAs(null);

/** Waits for the `count`th email to `email` and returns every one so far. */
async function mailsTo(email: string, count: number) {
  const to = () => smtp.current.received.filter((m) => m.to.includes(email));
  await vi.waitFor(() => expect(to().length).toBeGreaterThanOrEqual(count), { timeout: 5_000 });
  return to();
}
const tokenOf = (mail: Parameters<typeof linkIn>[0]) => linkIn(mail, "/invite/").split("/invite/")[1]!;

describe("invitations", () => {
  it("invite → the email arrives with its link → a new person creates an account and is a member with the role", async () => {
    const org = await createOrgWithOwner("inviter");
    const email = uniqueEmail("newcomer");
    const { invitation, mail, token } = await invite(org, email, "Manager");

    expect(mail.subject).toMatch(/invited you to join inviter Inc on Parley/);
    expect(mail.text).toContain("You'll join as Manager");
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(invitation.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600_000);
    // Only the token's hash is stored.
    const stored = await ownerPool().query("SELECT token_hash, expires_at FROM verification_tokens WHERE identifier = $1", [invitation.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash).not.toContain(token);
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    const preview = await anonymous().invitations.preview({ token });
    expect(preview).toMatchObject({
      state: "valid", accountExists: false,
      invitation: { email, organization: { slug: org.slug, name: "inviter Inc" }, role: { name: "Manager" }, inviterName: "inviter Owner" },
    });

    const before = seatChanges.length;
    const joined = await anonymous().invitations.acceptAsNewUser({ token, firstName: "Nia", lastName: "Newcomer", password: "a-fresh-passphrase-9" });
    expect(joined).toEqual({ organizationSlug: org.slug, email });
    expect(seatChanges.slice(before)).toEqual([org.orgId]);

    // They can sign in, their email counts as verified, and they are a Manager of the org.
    const signedIn = await authenticate(email, "a-fresh-passphrase-9", meta);
    const user = { id: signedIn.userId, email };
    const { rows } = await ownerPool().query("SELECT email_verified, full_name FROM users WHERE id = $1", [user.id]);
    expect(rows[0].email_verified).not.toBeNull();
    expect(rows[0].full_name).toBe("Nia Newcomer");
    const members = await callerAs(org.owner, org.slug).members.list({});
    expect(members.find((m) => m.user.email === email)).toMatchObject({ status: "active", role: { name: "Manager" } });
    await expect(callerAs(user, org.slug).organizations.current()).resolves.toMatchObject({ role: { name: "Manager" } });

    // The invitation is settled and audited; the link is single-use.
    expect(await callerAs(org.owner, org.slug).invitations.list()).toEqual([]);
    const audit = await ownerPool().query("SELECT action, user_id FROM audit_logs WHERE organization_id = $1 AND resource_id = $2 ORDER BY created_at", [org.orgId, invitation.id]);
    expect(audit.rows).toEqual([{ action: "invitation.create", user_id: org.owner.id }, { action: "invitation.accept", user_id: user.id }]);
    expect((await anonymous().invitations.preview({ token })).state).toBe("accepted");
    await expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Again", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already been accepted/) });
    await expect(callerAs(user).invitations.accept({ token })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an existing user joins while signed in as the invited address; nobody else can use their link", async () => {
    const org = await createOrgWithOwner("hosts");
    const other = await createOrgWithOwner("guests");
    const { token } = await invite(org, other.owner.email, "Viewer");

    expect(await anonymous().invitations.preview({ token })).toMatchObject({ state: "valid", accountExists: true });
    // Their account exists, so it is not created again.
    await expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Dup", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already exists. Sign in/) });
    // Someone signed in as another address is refused and the link still works.
    await expect(callerAs(org.owner).invitations.accept({ token })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(other.owner.email) });
    await expect(anonymous().invitations.accept({ token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await expect(callerAs(other.owner).invitations.accept({ token })).resolves.toEqual({ organizationSlug: org.slug, email: other.owner.email });
    const orgs = await listUserOrganizations(other.owner.id);
    expect(orgs.map((o) => [o.slug, o.roleName]).sort()).toEqual([[org.slug, "Viewer"], [other.slug, "Owner"]].sort());
    await expect(callerAs(other.owner, org.slug).members.list({})).resolves.toHaveLength(2);
  });

  it("a link expires after 7 days: the page says so, accepting is refused, and resending revives it", async () => {
    const org = await createOrgWithOwner("expiry");
    const email = uniqueEmail("late");
    const { invitation, token } = await invite(org, email);
    const api = callerAs(org.owner, org.slug);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(invitation.expiresAt.getTime() - 60_000);
    expect((await anonymous().invitations.preview({ token })).state).toBe("valid");
    vi.setSystemTime(invitation.expiresAt.getTime() + 1_000);
    expect((await anonymous().invitations.preview({ token })).state).toBe("expired");
    await expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Late", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/expired/) });
    // An expired invitation is listed as such and holds no seat.
    expect((await api.invitations.list()).map((i) => [i.email, i.status])).toEqual([[email, "expired"]]);
    expect((await api.members.overview()).seats).toMatchObject({ members: 1, pending: 0 });

    await api.invitations.resend({ id: invitation.id });
    const mails = await mailsTo(email, 2);
    expect(mails).toHaveLength(2);
    const freshToken = tokenOf(mails[1]!);
    expect(freshToken).not.toBe(token);
    expect((await anonymous().invitations.preview({ token: freshToken })).state).toBe("valid");
    expect((await api.invitations.list())[0]).toMatchObject({ status: "pending", sendCount: 2 });
  });

  it("a revoked invitation's link stops working", async () => {
    const org = await createOrgWithOwner("revoker");
    const email = uniqueEmail("unwanted");
    const { invitation, token } = await invite(org, email);
    const api = callerAs(org.owner, org.slug);
    await api.invitations.revoke({ id: invitation.id });

    expect((await anonymous().invitations.preview({ token })).state).toBe("revoked");
    await expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Nope", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/withdrawn/) });
    expect(await api.invitations.list()).toEqual([]);
    await expect(api.invitations.revoke({ id: invitation.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.invitations.resend({ id: invitation.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await ownerPool().query("SELECT old_values, new_values FROM audit_logs WHERE resource_id = $1 AND action = 'invitation.revoke'", [invitation.id]);
    expect(audit.rows).toEqual([{ old_values: { status: "pending", email }, new_values: { status: "revoked" } }]);
    // The address can be invited again.
    await expect(api.invitations.create({ email, roleId: await roleId(org, "Member") })).resolves.toMatchObject({ email });
  });

  it("resending sends a new link and kills the old one", async () => {
    const org = await createOrgWithOwner("resender");
    const email = uniqueEmail("twice");
    const { invitation, token: oldToken } = await invite(org, email);
    await callerAs(org.owner, org.slug).invitations.resend({ id: invitation.id });
    const mails = await mailsTo(email, 2);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain("any earlier invitation link no longer works");
    const newToken = tokenOf(mails[1]!);

    expect((await anonymous().invitations.preview({ token: oldToken })).state).toBe("replaced");
    await expect(anonymous().invitations.acceptAsNewUser({ token: oldToken, firstName: "Old", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/newer invitation/) });
    await expect(anonymous().invitations.acceptAsNewUser({ token: newToken, firstName: "New", password: "a-fresh-passphrase-9" }))
      .resolves.toMatchObject({ organizationSlug: org.slug });
    const audit = await ownerPool().query("SELECT old_values->>'sendCount' AS before, new_values->>'sendCount' AS after FROM audit_logs WHERE resource_id = $1 AND action = 'invitation.resend'", [invitation.id]);
    expect(audit.rows).toEqual([{ before: "1", after: "2" }]);
  });

  it("refuses an invitation past the seat limit, naming the limit, and sends nothing", async () => {
    const org = await createOrgWithOwner("seats");
    await addMember(org, "Member");
    await ownerPool().query("UPDATE organizations SET max_users = 3 WHERE id = $1", [org.orgId]);
    const api = callerAs(org.owner, org.slug);
    const memberRole = await roleId(org, "Member");
    const refused = uniqueEmail("fourth");
    const error = await withBilling(async () => {
      await invite(org, uniqueEmail("third"));
      expect((await api.members.overview()).seats).toEqual({ limit: 3, members: 2, pending: 1, used: 3, available: 0 });
      return api.invitations.create({ email: refused, roleId: memberRole }).catch((e) => e);
    });
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/includes 3 seats and all are in use \(2 active members, 1 pending invitation\)\. Upgrade your plan/) });
    expect(error.cause).toMatchObject({ field: "seats" });
    // Mail goes after commit, and the procedure has returned: nothing was (or will be) sent.
    expect(smtp.current.received.some((m) => m.to.includes(refused))).toBe(false);
    expect((await ownerPool().query("SELECT 1 FROM invitations WHERE email = $1", [refused])).rows).toEqual([]);
  });

  it("refuses joining when the plan shrank below the members already there", async () => {
    const org = await createOrgWithOwner("shrunk");
    const { token } = await invite(org, uniqueEmail("squeezed"));
    await ownerPool().query("UPDATE organizations SET max_users = 1 WHERE id = $1", [org.orgId]);
    await withBilling(() => expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Sq", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/no free seats/) }));
    // Nothing was written: no account, and the link still works once a seat frees up.
    await ownerPool().query("UPDATE organizations SET max_users = 5 WHERE id = $1", [org.orgId]);
    await withBilling(() => expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Sq", password: "a-fresh-passphrase-9" })).resolves.toBeTruthy());
  });

  it("has no seat limit while billing is off (self-hosted), like every plan limit", async () => {
    const org = await createOrgWithOwner("selfhosted");
    await ownerPool().query("UPDATE organizations SET max_users = 1 WHERE id = $1", [org.orgId]);
    const api = callerAs(org.owner, org.slug);
    expect((await api.members.overview()).seats).toEqual({ limit: null, members: 1, pending: 0, used: 1, available: null });
    const { token } = await invite(org, uniqueEmail("unlimited"));
    await expect(anonymous().invitations.acceptAsNewUser({ token, firstName: "Una", password: "a-fresh-passphrase-9" })).resolves.toBeTruthy();
    expect((await api.members.overview()).seats).toMatchObject({ limit: null, members: 2 });
  });

  it("checks who is invited and by whom", async () => {
    const org = await createOrgWithOwner("checks");
    const admin = await addMember(org, "Admin");
    const member = await addMember(org, "Member");
    const api = callerAs(org.owner, org.slug);
    const memberRole = await roleId(org, "Member");
    await expect(api.invitations.create({ email: member.email, roleId: memberRole })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already a member/) });
    await expect(api.invitations.create({ email: "not-an-email", roleId: memberRole })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const email = uniqueEmail("once");
    await api.invitations.create({ email: email.toUpperCase(), roleId: memberRole });
    await expect(api.invitations.create({ email, roleId: memberRole })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/pending invitation/) });
    // Members cannot invite; Admins cannot invite an Owner (it would grant what they lack).
    await expect(callerAs(member, org.slug).invitations.create({ email: uniqueEmail("x"), roleId: memberRole })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(admin, org.slug).invitations.create({ email: uniqueEmail("x"), roleId: await roleId(org, "Owner") }))
      .rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/billing:admin/) });
    await expect(callerAs(admin, org.slug).invitations.create({ email: uniqueEmail("x"), roleId: memberRole })).resolves.toBeTruthy();
  });

  it("answers any odd link with 'not valid', never an error", async () => {
    for (const token of ["", "abc", "x".repeat(40), "../../etc/passwd", "%00", "é".repeat(60)]) {
      expect((await anonymous().invitations.preview({ token })).state).toBe("invalid");
    }
    await expect(anonymous().invitations.preview({ token: "x".repeat(600) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(anonymous().invitations.acceptAsNewUser({ token: "x".repeat(43), firstName: "A", password: "a-fresh-passphrase-9" }))
      .rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/not valid/) });
  });

  it("another organization's invitations and their tokens are invisible and untouchable", async () => {
    const a = await createOrgWithOwner("alpha-inv");
    const b = await createOrgWithOwner("bravo-inv");
    const { invitation: theirs } = await invite(b, uniqueEmail("bravo-guest"));
    const { invitation: ours } = await invite(a, uniqueEmail("alpha-guest"));
    const api = callerAs(a.owner, a.slug);
    expect((await api.invitations.list()).map((i) => i.id)).toEqual([ours.id]);
    await expect(api.invitations.revoke({ id: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.invitations.resend({ id: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // As the app role, scoped to A: only A's invitation tokens, and no other kind of token.
    await ownerPool().query("INSERT INTO verification_tokens (identifier, token_hash, purpose, expires_at, user_id) VALUES ($1, md5(random()::text) || md5(random()::text), 'password_reset', now() + interval '1 hour', $2)", [a.owner.email, a.owner.id]);
    const app = newAppPool(1);
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.current_org_id', $1, TRUE), set_config('app.current_user_id', $2, TRUE)", [a.orgId, a.owner.id]);
      const { rows } = await client.query("SELECT identifier, purpose FROM verification_tokens");
      expect(rows).toEqual([{ identifier: ours.id, purpose: "invitation" }]);
      const touched = await client.query("UPDATE verification_tokens SET consumed_at = now() WHERE identifier = $1", [theirs.id]);
      expect(touched.rowCount).toBe(0);
      await client.query("SAVEPOINT s");
      await expect(client.query("INSERT INTO verification_tokens (identifier, token_hash, purpose, expires_at) VALUES ($1, 'x', 'invitation', now())", [theirs.id])).rejects.toMatchObject({ code: "42501" });
      await client.query("ROLLBACK TO SAVEPOINT s");
    } finally {
      await client.query("ROLLBACK");
      client.release();
      await app.end();
    }
  });
});
