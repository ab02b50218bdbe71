import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, callerAs, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";

const signUp = (input: Record<string, unknown>) => callerAs(null).auth.signUp(input as never);

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as TRPCError;
  }
  throw new Error("expected the call to fail");
}

describe("self-serve sign-up", () => {
  it("creates the user, the organization with its five system roles, and the Owner membership", async () => {
    const email = uniqueEmail("signup");
    const result = await signUp({ firstName: "Grace", lastName: "Hopper", email: email.toUpperCase(), password: TEST_PASSWORD, organizationName: "Hopper & Co." });
    expect(result.organizationSlug).toMatch(/^hopper-co(-\d+)?$/);

    const db = ownerPool();
    const user = (await db.query(`SELECT id, email, full_name, password_hash FROM users WHERE email = $1`, [email])).rows[0];
    expect(user.full_name).toBe("Grace Hopper");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const roles = (await db.query(`SELECT r.name FROM roles r JOIN organizations o ON o.id = r.organization_id WHERE o.slug = $1 ORDER BY r.name`, [result.organizationSlug])).rows;
    expect(roles.map((r) => r.name)).toEqual(["Admin", "Manager", "Member", "Owner", "Viewer"]);
    const membership = (await db.query(
      `SELECT r.name FROM memberships m JOIN roles r ON r.id = m.role_id JOIN organizations o ON o.id = m.organization_id WHERE o.slug = $1 AND m.user_id = $2`,
      [result.organizationSlug, user.id],
    )).rows;
    expect(membership).toEqual([{ name: "Owner" }]);
    const audit = (await db.query(`SELECT action FROM audit_logs a JOIN organizations o ON o.id = a.organization_id WHERE o.slug = $1`, [result.organizationSlug])).rows;
    expect(audit).toEqual([{ action: "organization.create" }]);
  });

  it("gives a second organization with the same name its own slug", async () => {
    const first = await signUp({ firstName: "A", email: uniqueEmail("slug"), password: TEST_PASSWORD, organizationName: "Same Name Ltd" });
    const second = await signUp({ firstName: "B", email: uniqueEmail("slug"), password: TEST_PASSWORD, organizationName: "Same Name Ltd" });
    expect(second.organizationSlug).not.toBe(first.organizationSlug);
  });

  it("refuses a taken email with CONFLICT on the email field, and writes nothing", async () => {
    const email = uniqueEmail("dup");
    await signUp({ firstName: "A", email, password: TEST_PASSWORD, organizationName: "First Org" });
    const orgsBefore = (await ownerPool().query(`SELECT count(*)::int AS n FROM organizations`)).rows[0].n;
    const error = await errorOf(signUp({ firstName: "B", email, password: TEST_PASSWORD, organizationName: "Second Org" }));
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as { field?: string }).field).toBe("email");
    expect((await ownerPool().query(`SELECT count(*)::int AS n FROM organizations`)).rows[0].n).toBe(orgsBefore);
  });

  it("refuses common, short and overlong passwords on the password field", async () => {
    const common = await errorOf(signUp({ firstName: "A", email: uniqueEmail("pw"), password: "password1", organizationName: "Org" }));
    expect(common.code).toBe("BAD_REQUEST");
    expect((common.cause as { field?: string }).field).toBe("password");
    const short = await errorOf(signUp({ firstName: "A", email: uniqueEmail("pw"), password: "short", organizationName: "Org" }));
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.message).toContain("at least 8");
    const long = await errorOf(signUp({ firstName: "A", email: uniqueEmail("pw"), password: "x".repeat(129), organizationName: "Org" }));
    expect(long.code).toBe("BAD_REQUEST");
  });

  it("answers malformed input with BAD_REQUEST naming the fields, never a 500", async () => {
    const error = await errorOf(signUp({ firstName: "", email: "not-an-email", password: 42, organizationName: "!" }));
    expect(error.code).toBe("BAD_REQUEST");
    const message = error.message;
    for (const field of ["firstName", "email", "password", "organizationName"]) expect(message).toContain(field);
  });
});
