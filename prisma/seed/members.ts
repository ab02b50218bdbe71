// Seed-only helpers that look across organizations (the demo seed and the benchmarks), kept out
// of the app: they run as the system role, and nothing the server runs calls them.
import { systemDb } from "../../src/server/db/client";

export async function organizationSlugExists(slug: string): Promise<boolean> {
  return (await systemDb().organization.count({ where: { slug } })) > 0;
}

/** Seeding only: a user who is already a member of the organization with a system role. */
export async function seedMember(
  organizationSlug: string,
  user: { email: string; passwordHash: string; firstName: string; lastName: string; jobTitle?: string; department?: string },
  roleName: string,
): Promise<{ userId: string }> {
  return systemDb().$transaction(async (tx) => {
    const organization = await tx.organization.findUniqueOrThrow({ where: { slug: organizationSlug }, select: { id: true } });
    const role = await tx.role.findUniqueOrThrow({
      where: { organizationId_name: { organizationId: organization.id, name: roleName } },
      select: { id: true },
    });
    const created = await tx.user.create({
      data: { ...user, fullName: `${user.firstName} ${user.lastName}`.trim(), emailVerified: new Date() },
      select: { id: true },
    });
    await tx.membership.create({ data: { organizationId: organization.id, userId: created.id, roleId: role.id } });
    return { userId: created.id };
  });
}
