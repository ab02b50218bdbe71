// Members of one organization: who they are, their role, and the changes admins make. Access
// is resolved on every request from the membership (findMembership), so a role change,
// deactivation or removal takes effect on the member's very next request.
import type { z } from "zod";
import { afterSeatChange } from "@/features/billing/seat-sync";
import { type Actor, assertCanGrant, findOwnerRole, findRole, findSystemRole, isOwnerRole, sortRoles } from "@/features/roles/roles.service";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { changeRoleSchema, listMembersSchema } from "./members.schema";
import { assertSeatAvailable, lockOrganization, seatUsage } from "./seats";

export async function listMembers(scope: OrgScope, input: z.output<typeof listMembersSchema>) {
  const search = input.search;
  const memberships = await scope.tx.membership.findMany({
    where: {
      ...(search ? { user: { OR: [{ fullName: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] } } : {}),
      ...(input.status !== "all" ? { status: input.status } : {}),
    },
    select: {
      id: true,
      status: true,
      joinedAt: true,
      updatedAt: true,
      role: { select: { id: true, name: true, isSystem: true } },
      user: { select: { id: true, email: true, fullName: true, jobTitle: true, avatarUrl: true, lastLoginAt: true } },
    },
    orderBy: [{ user: { fullName: "asc" } }],
    take: 500,
  });
  return memberships;
}

/**
 * What the members page needs besides the lists: seats, the roles the caller may hand out,
 * and whether the caller is an Owner (who alone transfers ownership).
 */
export async function membersOverview(scope: OrgScope, actor: Actor) {
  const seats = await seatUsage(scope);
  const roles = await scope.tx.role.findMany({
    select: { id: true, name: true, description: true, isSystem: true, isDefault: true, permissions: { select: { permission: { select: { name: true } } } } },
  });
  const held = new Set(actor.permissions);
  const ownerRole = roles.find(isOwnerRole);
  return {
    seats,
    actor: { membershipId: actor.membershipId, isOwner: actor.role.id === ownerRole?.id },
    roles: sortRoles(roles).map(({ permissions, ...role }) => ({
      ...role,
      assignable: permissions.every((p) => held.has(p.permission.name)),
    })),
  };
}

async function findMember(scope: OrgScope, membershipId: string) {
  const member = await scope.tx.membership.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: membershipId } },
    select: {
      id: true, status: true, userId: true,
      role: { select: { id: true, name: true, isSystem: true } },
      user: { select: { email: true, fullName: true } },
    },
  });
  if (!member) throw new AppError("NOT_FOUND", "That person is not a member of this organization", "membershipId");
  return member;
}

type Member = Awaited<ReturnType<typeof findMember>>;

const isActor = (actor: Actor, member: Member) => actor.membershipId === member.id;
const who = (actor: Actor, member: Member) => (isActor(actor, member) ? "you" : member.user.fullName);

/** Only an Owner changes an Owner's role or access. */
async function assertMayManage(scope: OrgScope, actor: Actor, member: Member, action: string) {
  if (!isOwnerRole(member.role)) return;
  const ownerRole = await findOwnerRole(scope);
  if (actor.role.id !== ownerRole.id) {
    throw new AppError("FORBIDDEN", `Only an Owner can ${action} an Owner`, "membershipId");
  }
}

/** There is always at least one active Owner; call with the organization locked. */
async function assertNotLastOwner(scope: OrgScope, actor: Actor, member: Member, consequence: string) {
  if (!isOwnerRole(member.role) || member.status !== "active") return;
  const owners = await scope.tx.membership.count({ where: { roleId: member.role.id, status: "active" } });
  if (owners <= 1) {
    const subject = isActor(actor, member) ? "You are" : `${member.user.fullName} is`;
    throw new AppError(
      "PRECONDITION_FAILED",
      `${subject} the only Owner of this organization, so ${consequence}. Transfer ownership to another member first.`,
      "membershipId",
    );
  }
}

const snapshot = (member: Member) => ({ email: member.user.email, name: member.user.fullName, role: member.role.name, roleId: member.role.id, status: member.status });

export async function changeMemberRole(scope: OrgScope, actor: Actor, input: z.output<typeof changeRoleSchema>) {
  const member = await findMember(scope, input.membershipId);
  const role = await findRole(scope, input.roleId);
  if (role.id === member.role.id) throw new AppError("BAD_REQUEST", `${member.user.fullName} already has the ${role.name} role`, "roleId");
  await assertMayManage(scope, actor, member, "change the role of");
  assertCanGrant(actor, role.permissions, `give the ${role.name} role`, "roleId");
  await lockOrganization(scope);
  await assertNotLastOwner(scope, actor, member, `${isActor(actor, member) ? "your" : "their"} role cannot change`);
  await scope.tx.membership.update({
    where: { organizationId_id: { organizationId: scope.orgId, id: member.id } },
    data: { roleId: role.id, assignedBy: scope.userId },
  });
  await scope.audit({
    action: "member.role_change", resourceType: "membership", resourceId: member.id,
    oldValues: { role: member.role.name, roleId: member.role.id },
    newValues: { role: role.name, roleId: role.id },
    details: { userId: member.userId, email: member.user.email },
  });
  return { id: member.id, role: { id: role.id, name: role.name } };
}

/** Access ends on their next request; the membership stays, so it can be reactivated. */
export async function deactivateMember(scope: OrgScope, actor: Actor, membershipId: string) {
  const member = await findMember(scope, membershipId);
  if (member.status === "deactivated") throw new AppError("CONFLICT", `${member.user.fullName} is already deactivated`, "membershipId");
  await assertMayManage(scope, actor, member, "deactivate");
  await lockOrganization(scope);
  await assertNotLastOwner(scope, actor, member, `${who(actor, member)} cannot be deactivated`);
  await scope.tx.membership.update({ where: { organizationId_id: { organizationId: scope.orgId, id: member.id } }, data: { status: "deactivated" } });
  await scope.audit({
    action: "member.deactivate", resourceType: "membership", resourceId: member.id,
    oldValues: snapshot(member), newValues: { status: "deactivated" }, details: { userId: member.userId },
  });
  afterSeatChange(scope);
  return { id: member.id, status: "deactivated" as const };
}

export async function reactivateMember(scope: OrgScope, actor: Actor, membershipId: string) {
  const member = await findMember(scope, membershipId);
  if (member.status === "active") throw new AppError("CONFLICT", `${member.user.fullName} is already active`, "membershipId");
  await assertMayManage(scope, actor, member, "reactivate");
  // Their role must still be one the caller may hand out: reactivating gives it back.
  assertCanGrant(actor, (await findRole(scope, member.role.id)).permissions, `reactivate a ${member.role.name}`, "membershipId");
  await lockOrganization(scope);
  await assertSeatAvailable(scope, "reactivate this member");
  await scope.tx.membership.update({ where: { organizationId_id: { organizationId: scope.orgId, id: member.id } }, data: { status: "active" } });
  await scope.audit({
    action: "member.reactivate", resourceType: "membership", resourceId: member.id,
    oldValues: { status: "deactivated" }, newValues: { status: "active", role: member.role.name }, details: { userId: member.userId },
  });
  afterSeatChange(scope);
  return { id: member.id, status: "active" as const };
}

/** Removes the membership outright; what they created stays, owned by them, for reassignment. */
export async function removeMember(scope: OrgScope, actor: Actor, membershipId: string) {
  const member = await findMember(scope, membershipId);
  await assertMayManage(scope, actor, member, "remove");
  await lockOrganization(scope);
  await assertNotLastOwner(scope, actor, member, `${who(actor, member)} cannot be removed`);
  await scope.tx.membership.delete({ where: { organizationId_id: { organizationId: scope.orgId, id: member.id } } });
  await scope.audit({
    action: "member.remove", resourceType: "membership", resourceId: member.id,
    oldValues: snapshot(member), details: { userId: member.userId },
  });
  if (member.status === "active") afterSeatChange(scope);
  return { id: member.id };
}

/** The Owner hands the Owner role to another active member and takes Admin. */
export async function transferOwnership(scope: OrgScope, actor: Actor, membershipId: string) {
  const ownerRole = await findOwnerRole(scope);
  if (actor.role.id !== ownerRole.id) throw new AppError("FORBIDDEN", "Only an Owner can transfer ownership of the organization");
  const target = await findMember(scope, membershipId);
  if (target.id === actor.membershipId) throw new AppError("BAD_REQUEST", "You already own this organization; choose another member", "membershipId");
  if (target.status !== "active") throw new AppError("PRECONDITION_FAILED", `${target.user.fullName} is deactivated; reactivate them before making them the Owner`, "membershipId");
  if (target.role.id === ownerRole.id) throw new AppError("CONFLICT", `${target.user.fullName} is already an Owner`, "membershipId");
  const adminRole = await findSystemRole(scope, "Admin");
  await lockOrganization(scope);
  await scope.tx.membership.update({ where: { organizationId_id: { organizationId: scope.orgId, id: target.id } }, data: { roleId: ownerRole.id, assignedBy: scope.userId } });
  await scope.tx.membership.update({ where: { organizationId_id: { organizationId: scope.orgId, id: actor.membershipId } }, data: { roleId: adminRole.id, assignedBy: scope.userId } });
  await scope.audit({
    action: "organization.transfer_ownership", resourceType: "organization", resourceId: scope.orgId,
    oldValues: { ownerMembershipId: actor.membershipId, heirRole: target.role.name },
    newValues: { ownerMembershipId: target.id, previousOwnerRole: adminRole.name },
    details: { from: { userId: scope.userId }, to: { userId: target.userId, email: target.user.email } },
  });
  return { ownerMembershipId: target.id };
}
