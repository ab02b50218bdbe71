// Invitation links: what a link leads to, and accepting it (joining an organization, perhaps as a new account).
import "server-only";
import type { RequestMeta } from "@/server/request-meta";
import { systemDb } from "../client";
import type { SystemTx } from "./shared";

/** What an invite link leads to, as the invite page tells it. */
export type InvitationLinkState = "valid" | "invalid" | "accepted" | "revoked" | "expired" | "replaced";

export interface InvitationLink {
  state: InvitationLinkState;
  invitation: {
    email: string;
    expiresAt: Date;
    organization: { name: string; slug: string };
    role: { name: string; description: string | null } | null;
    inviterName: string | null;
  } | null;
  /** Whether the invited address already has a Parley account (sign in) or not (create one). */
  accountExists: boolean;
}

const INVITATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadInvitationLink(tx: SystemTx, tokenHash: string) {
  const token = await tx.verificationToken.findUnique({
    where: { tokenHash },
    select: { identifier: true, purpose: true, expiresAt: true, consumedAt: true },
  });
  if (!token || token.purpose !== "invitation" || !INVITATION_ID.test(token.identifier)) return { token: null, invitation: null };
  const invitation = await tx.invitation.findUnique({
    where: { id: token.identifier },
    select: {
      id: true, organizationId: true, email: true, status: true, expiresAt: true, roleId: true, invitedBy: true,
      organization: { select: { name: true, slug: true, isActive: true, maxUsers: true } },
      role: { select: { name: true, description: true } },
      inviter: { select: { fullName: true } },
    },
  });
  return { token, invitation };
}

type LoadedLink = Awaited<ReturnType<typeof loadInvitationLink>>;

function invitationLinkState({ token, invitation }: LoadedLink, now: Date): InvitationLinkState {
  if (!token || !invitation || !invitation.organization.isActive) return "invalid";
  if (invitation.status === "accepted") return "accepted";
  if (invitation.status === "revoked") return "revoked";
  // A consumed token on an open invitation was replaced by a resend.
  if (token.consumedAt) return "replaced";
  if (invitation.status === "expired" || invitation.expiresAt <= now || token.expiresAt <= now) return "expired";
  if (!invitation.roleId || !invitation.role) return "invalid";
  return "valid";
}

/** The invite page's view of a link: the organization and role, or why it no longer works. */
export async function findInvitationByToken(tokenHash: string): Promise<InvitationLink> {
  return systemDb().$transaction(async (tx) => {
    const link = await loadInvitationLink(tx, tokenHash);
    const state = invitationLinkState(link, new Date());
    const { invitation } = link;
    if (!invitation || state === "invalid") return { state: "invalid", invitation: null, accountExists: false };
    const account = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
    return {
      state,
      invitation: {
        email: invitation.email,
        expiresAt: invitation.expiresAt,
        organization: { name: invitation.organization.name, slug: invitation.organization.slug },
        role: invitation.role,
        inviterName: invitation.inviter?.fullName ?? null,
      },
      accountExists: !!account,
    };
  });
}

export type AcceptInvitationResult =
  | { ok: true; userId: string; email: string; organizationId: string; organizationSlug: string; seatsChanged: boolean }
  | { ok: false; reason: Exclude<InvitationLinkState, "valid"> | "no_seats" | "email_mismatch" | "account_exists"; email?: string; organizationName?: string };

/**
 * Accepts an invitation: as a signed-in user whose email it was sent to, or by creating that
 * person's account (their email counts as verified: the link reached it). One transaction,
 * the organization locked, so the token is used once and the seat limit holds.
 */
class InvitationRefused extends Error {
  constructor(readonly failure: Extract<AcceptInvitationResult, { ok: false }>) {
    super(failure.reason);
  }
}

export async function acceptInvitation(
  tokenHash: string,
  as: { userId: string } | { newUser: { firstName: string; lastName: string; passwordHash: string } },
  meta: RequestMeta,
  options: { enforceSeatLimit: boolean },
): Promise<AcceptInvitationResult> {
  // A refusal after the first write must undo it: thrown out of the transaction, returned here.
  const refuse = (failure: Extract<AcceptInvitationResult, { ok: false }>): never => { throw new InvitationRefused(failure); };
  return systemDb().$transaction(async (tx): Promise<AcceptInvitationResult> => {
    const first = await loadInvitationLink(tx, tokenHash);
    const firstState = invitationLinkState(first, new Date());
    if (firstState !== "valid") return refuse({ ok: false, reason: firstState });
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${first.invitation!.organizationId}::uuid FOR UPDATE`;
    // Read again under the lock: a concurrent acceptance or revocation has finished by now.
    const now = new Date();
    const link = await loadInvitationLink(tx, tokenHash);
    const state = invitationLinkState(link, now);
    if (state !== "valid") return refuse({ ok: false, reason: state });
    const invitation = link.invitation!;
    const organization = invitation.organization;

    let userId: string;
    let created = false;
    if ("userId" in as) {
      const user = await tx.user.findUnique({ where: { id: as.userId }, select: { id: true, email: true, emailVerified: true } });
      if (!user || user.email !== invitation.email) return refuse({ ok: false, reason: "email_mismatch", email: invitation.email });
      if (!user.emailVerified) await tx.user.update({ where: { id: user.id }, data: { emailVerified: now } });
      userId = user.id;
    } else {
      if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
        return refuse({ ok: false, reason: "account_exists", email: invitation.email });
      }
      const { firstName, lastName, passwordHash } = as.newUser;
      const user = await tx.user.create({
        data: { email: invitation.email, emailVerified: now, passwordHash, firstName, lastName, fullName: `${firstName} ${lastName}`.trim() },
        select: { id: true },
      });
      userId = user.id;
      created = true;
      await tx.securityEvent.create({ data: { userId, event: "account.created", ipAddress: meta.ip, userAgent: meta.userAgent, details: { via: "invitation" } } });
    }

    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId } },
      select: { id: true, status: true },
    });
    const joining = existing?.status !== "active";
    if (joining && options.enforceSeatLimit) {
      const active = await tx.membership.count({ where: { organizationId: invitation.organizationId, status: "active" } });
      if (active >= organization.maxUsers) return refuse({ ok: false, reason: "no_seats", organizationName: organization.name });
    }
    const membership = existing
      ? await tx.membership.update({
          where: { id: existing.id },
          data: { roleId: invitation.roleId!, status: "active", assignedBy: invitation.invitedBy, ...(joining ? { joinedAt: now } : {}) },
          select: { id: true },
        })
      : await tx.membership.create({
          data: { organizationId: invitation.organizationId, userId, roleId: invitation.roleId!, assignedBy: invitation.invitedBy },
          select: { id: true },
        });
    await tx.verificationToken.updateMany({ where: { purpose: "invitation", identifier: invitation.id, consumedAt: null }, data: { consumedAt: now } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { status: "accepted", acceptedAt: now, acceptedBy: userId } });
    await tx.auditLog.create({
      data: {
        organizationId: invitation.organizationId,
        userId,
        action: "invitation.accept",
        resourceType: "invitation",
        resourceId: invitation.id,
        oldValues: { status: "pending", membership: existing?.status ?? null },
        newValues: { status: "accepted", email: invitation.email, role: invitation.role!.name, membershipId: membership.id, newAccount: created },
        ipAddress: meta.ip,
        userAgent: meta.userAgent,
      },
    });
    await tx.securityEvent.create({
      data: { userId, event: "invitation.accepted", ipAddress: meta.ip, userAgent: meta.userAgent, details: { organizationId: invitation.organizationId } },
    });
    return { ok: true, userId, email: invitation.email, organizationId: invitation.organizationId, organizationSlug: organization.slug, seatsChanged: joining };
  }).catch((error: unknown) => {
    if (error instanceof InvitationRefused) return error.failure;
    throw error;
  });
}
