// Invitations, as an organization's admins manage them: invite, resend, revoke. The link's
// token is a verification token (purpose invitation, identifier = the invitation's id) written
// in the same transaction; only its sha256 is stored. The email goes out after commit.
import type { z } from "zod";
import { type Actor, assertCanGrant, findRole } from "@/features/roles/roles.service";
import { newToken, sha256Hex } from "@/lib/tokens";
import { AppError } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { sendEmail } from "@/server/email/mailer";
import { invitationEmail } from "./invitation-email";
import { INVITATION_TTL_MS, type InvitationStatus, type inviteSchema } from "./members.schema";
import { assertSeatAvailable, lockOrganization } from "./seats";

/** A pending invitation past its expiry reads as expired everywhere, before anything marks it. */
export function effectiveStatus(invitation: { status: InvitationStatus; expiresAt: Date }, now = new Date()): InvitationStatus {
  return invitation.status === "pending" && invitation.expiresAt <= now ? "expired" : invitation.status;
}

export async function listInvitations(scope: OrgScope) {
  const rows = await scope.tx.invitation.findMany({
    where: { status: { in: ["pending", "expired"] } },
    select: {
      id: true, email: true, status: true, expiresAt: true, lastSentAt: true, sendCount: true, createdAt: true,
      role: { select: { id: true, name: true } },
      inviter: { select: { id: true, fullName: true } },
    },
    orderBy: [{ createdAt: "desc" }],
    take: 200,
  });
  const now = new Date();
  return rows
    .map((row) => ({ ...row, status: effectiveStatus(row, now) }))
    .sort((a, b) => Number(a.status !== "pending") - Number(b.status !== "pending"));
}

/** Kills the invitation's earlier links and issues a new one; returns the token for the email. */
async function issueToken(scope: OrgScope, invitation: { id: string; email: string; expiresAt: Date }): Promise<string> {
  const now = new Date();
  await scope.tx.verificationToken.updateMany({
    where: { purpose: "invitation", identifier: invitation.id, consumedAt: null },
    data: { consumedAt: now },
  });
  const token = newToken();
  await scope.tx.verificationToken.create({
    data: { purpose: "invitation", identifier: invitation.id, tokenHash: sha256Hex(token), expiresAt: invitation.expiresAt },
  });
  return token;
}

async function queueEmail(scope: OrgScope, invitation: { email: string; expiresAt: Date }, token: string, roleName: string, resent = false) {
  const organization = await scope.tx.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { name: true } });
  const inviter = await scope.tx.user.findUnique({ where: { id: scope.userId }, select: { fullName: true, email: true } });
  const email = invitationEmail({ token, organizationName: organization.name, roleName, inviter, expiresAt: invitation.expiresAt, resent });
  scope.afterCommit(() => sendEmail(invitation.email, email));
}

async function findInvitation(scope: OrgScope, id: string) {
  const invitation = await scope.tx.invitation.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    select: { id: true, email: true, status: true, expiresAt: true, sendCount: true, lastSentAt: true, roleId: true },
  });
  if (!invitation) throw new AppError("NOT_FOUND", "Invitation not found", "id");
  return invitation;
}

export async function createInvitation(scope: OrgScope, actor: Actor, input: z.output<typeof inviteSchema>) {
  const { email } = input;
  const role = await findRole(scope, input.roleId);
  assertCanGrant(actor, role.permissions, `invite people as ${role.name}`, "roleId");
  // Members are visible to the app role in their organization; nobody else's account is looked up.
  const member = await scope.tx.membership.findFirst({ where: { user: { email } }, select: { status: true } });
  if (member?.status === "active") throw new AppError("CONFLICT", `${email} is already a member of this organization`, "email");
  if (member) throw new AppError("CONFLICT", `${email} is a deactivated member; reactivate them in the members list instead`, "email");

  await lockOrganization(scope);
  const open = await scope.tx.invitation.findFirst({ where: { email, status: "pending" }, select: { id: true, expiresAt: true } });
  if (open && open.expiresAt > new Date()) {
    throw new AppError("CONFLICT", `${email} already has a pending invitation; resend it from the list below instead`, "email");
  }
  if (open) await scope.tx.invitation.update({ where: { organizationId_id: { organizationId: scope.orgId, id: open.id } }, data: { status: "expired" } });
  await assertSeatAvailable(scope);

  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const invitation = await scope.tx.invitation.create({
    data: { organizationId: scope.orgId, email, roleId: role.id, invitedBy: scope.userId, expiresAt },
    select: { id: true, email: true, expiresAt: true },
  });
  const token = await issueToken(scope, invitation);
  await scope.audit({
    action: "invitation.create", resourceType: "invitation", resourceId: invitation.id,
    newValues: { email, roleId: role.id, role: role.name, expiresAt },
  });
  await queueEmail(scope, invitation, token, role.name);
  return invitation;
}

/** A new link (the old one stops working) and seven more days; an expired invitation comes back. */
export async function resendInvitation(scope: OrgScope, actor: Actor, id: string) {
  const invitation = await findInvitation(scope, id);
  if (invitation.status === "accepted") throw new AppError("CONFLICT", `${invitation.email} has already accepted this invitation`);
  if (invitation.status === "revoked") throw new AppError("CONFLICT", "This invitation was revoked; invite the person again instead");
  if (!invitation.roleId) throw new AppError("CONFLICT", "This invitation's role was deleted; invite the person again with another role");
  const role = await findRole(scope, invitation.roleId);
  assertCanGrant(actor, role.permissions, `invite people as ${role.name}`);

  const wasExpired = effectiveStatus(invitation) === "expired";
  if (wasExpired) {
    // An expired invitation holds no seat; bringing it back needs a free one.
    await lockOrganization(scope);
    const newer = await scope.tx.invitation.findFirst({ where: { email: invitation.email, status: "pending", id: { not: id } }, select: { id: true } });
    if (newer) throw new AppError("CONFLICT", `${invitation.email} already has a newer pending invitation`);
    await assertSeatAvailable(scope, "send this invitation again");
  }
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const updated = await scope.tx.invitation.update({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    data: { status: "pending", expiresAt, lastSentAt: new Date(), sendCount: { increment: 1 } },
    select: { id: true, email: true, expiresAt: true, sendCount: true },
  });
  const token = await issueToken(scope, updated);
  await scope.audit({
    action: "invitation.resend", resourceType: "invitation", resourceId: id,
    oldValues: { status: effectiveStatus(invitation), expiresAt: invitation.expiresAt, sendCount: invitation.sendCount },
    newValues: { status: "pending", expiresAt, sendCount: updated.sendCount },
  });
  await queueEmail(scope, updated, token, role.name, true);
  return updated;
}

export async function revokeInvitation(scope: OrgScope, id: string) {
  const invitation = await findInvitation(scope, id);
  if (invitation.status === "accepted") throw new AppError("CONFLICT", `${invitation.email} has already accepted this invitation; remove them from the members list instead`);
  if (invitation.status === "revoked") throw new AppError("CONFLICT", "This invitation is already revoked");
  const now = new Date();
  await scope.tx.invitation.update({
    where: { organizationId_id: { organizationId: scope.orgId, id } },
    data: { status: "revoked", revokedAt: now, revokedBy: scope.userId },
  });
  await scope.tx.verificationToken.updateMany({ where: { purpose: "invitation", identifier: id, consumedAt: null }, data: { consumedAt: now } });
  await scope.audit({
    action: "invitation.revoke", resourceType: "invitation", resourceId: id,
    oldValues: { status: effectiveStatus(invitation), email: invitation.email }, newValues: { status: "revoked" },
  });
  return { id };
}
