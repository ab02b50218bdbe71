// Every use of the system role (BYPASSRLS) is a named function in this file: sign-up,
// sign-in and session checks (which must look across organizations before one is chosen),
// webhooks and jobs. Keep each one small and obvious; review additions here with care.
import type { Prisma } from "@/generated/prisma/client";
import { parseApiKey, secretMatches } from "@/features/api-keys/api-key-token";
import { FREE_PLAN, planColumns } from "@/features/billing/plans";
import { DEFAULT_PIPELINE } from "@/features/pipelines/default-pipeline";
import { SYSTEM_ROLES, SYSTEM_ROLE_NAMES, type PermissionName } from "@/features/roles/permissions";
import { nextFreeSlug, slugify } from "@/lib/slug";
import { newToken, sha256Hex } from "@/lib/tokens";
import { type BillingEffect, LIVE_STATUSES, type SubscriptionEffect } from "@/server/billing/subscription";
import { systemDb } from "./client";

type SystemTx = Prisma.TransactionClient;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** Set when an API key made the request: audit rows name it. */
  apiKeyId?: string;
}

// ------------------------------------------------------------------ sign-up and organizations

async function freeSlug(tx: SystemTx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await tx.organization.findMany({
    where: { OR: [{ slug: base }, { slug: { startsWith: `${base.slice(0, 40)}-` } }] },
    select: { slug: true },
  });
  return nextFreeSlug(base, new Set(taken.map((o) => o.slug)));
}

/** The organization, its five system roles with their permissions, and the Owner membership. */
async function createOrganization(tx: SystemTx, ownerId: string, name: string, meta: RequestMeta) {
  const organization = await tx.organization.create({
    data: { name: name.trim(), slug: await freeSlug(tx, name), ...planColumns(FREE_PLAN) },
    select: { id: true, slug: true, name: true },
  });
  const catalog = await tx.permission.findMany({ select: { id: true, name: true } });
  const permissionIds = new Map(catalog.map((p) => [p.name as PermissionName, p.id]));
  let ownerRoleId = "";
  for (const roleName of SYSTEM_ROLE_NAMES) {
    const definition = SYSTEM_ROLES[roleName];
    const role = await tx.role.create({
      data: {
        organizationId: organization.id,
        name: roleName,
        description: definition.description,
        isSystem: true,
        isDefault: definition.isDefault ?? false,
      },
      select: { id: true },
    });
    if (roleName === "Owner") ownerRoleId = role.id;
    await tx.rolePermission.createMany({
      data: definition.permissions.map((p) => ({ organizationId: organization.id, roleId: role.id, permissionId: permissionIds.get(p)! })),
    });
  }
  await tx.membership.create({
    data: { organizationId: organization.id, userId: ownerId, roleId: ownerRoleId, assignedBy: ownerId },
  });
  // Composite tenant keys rule out Prisma's nested create here, hence two statements.
  const pipeline = await tx.pipeline.create({
    data: { organizationId: organization.id, name: DEFAULT_PIPELINE.name, isDefault: true },
    select: { id: true },
  });
  await tx.pipelineStage.createMany({
    data: DEFAULT_PIPELINE.stages.map((stage, position) => ({ ...stage, position, organizationId: organization.id, pipelineId: pipeline.id })),
  });
  await tx.auditLog.create({
    data: {
      organizationId: organization.id,
      userId: ownerId,
      action: "organization.create",
      resourceType: "organization",
      resourceId: organization.id,
      newValues: { name: organization.name, slug: organization.slug },
      ipAddress: meta.ip,
      userAgent: meta.userAgent,
    },
  });
  return organization;
}

export async function createAccountWithOrganization(
  input: { email: string; passwordHash: string; firstName: string; lastName: string; organizationName: string; emailVerified?: Date },
  meta: RequestMeta,
): Promise<{ userId: string; organizationSlug: string }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: input.email,
        emailVerified: input.emailVerified ?? null,
        passwordHash: input.passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        fullName: `${input.firstName} ${input.lastName}`.trim(),
      },
      select: { id: true },
    });
    const organization = await createOrganization(tx, user.id, input.organizationName, meta);
    await tx.securityEvent.create({ data: { userId: user.id, event: "account.created", ipAddress: meta.ip, userAgent: meta.userAgent } });
    return { userId: user.id, organizationSlug: organization.slug };
  });
}

export async function createOrganizationForUser(userId: string, name: string, meta: RequestMeta): Promise<{ slug: string }> {
  return systemDb().$transaction(async (tx) => {
    const organization = await createOrganization(tx, userId, name, meta);
    return { slug: organization.slug };
  });
}

// ------------------------------------------------------------------ sign-in

export function findUserForSignIn(email: string) {
  return systemDb().user.findUnique({
    where: { email },
    select: {
      id: true, passwordHash: true, status: true, lockedUntil: true, failedLoginAttempts: true, deletedAt: true,
      email: true, firstName: true, twoFactorEnabled: true, twoFactorSecret: true, twoFactorLastStep: true,
    },
  });
}

/** Counts a failed password (or two-factor code); the attempt that reaches `maxAttempts` locks the account. */
export async function recordFailedSignIn(
  userId: string,
  policy: { maxAttempts: number; lockMs: number },
  meta: RequestMeta,
  event: "sign_in.failed" | "two_factor.failed" = "sign_in.failed",
): Promise<{ locked: boolean }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { failedLoginAttempts: { increment: 1 } },
      select: { failedLoginAttempts: true },
    });
    const locked = user.failedLoginAttempts >= policy.maxAttempts;
    if (locked) {
      await tx.user.update({
        where: { id: userId },
        data: { lockedUntil: new Date(Date.now() + policy.lockMs), failedLoginAttempts: 0 },
      });
    }
    await tx.securityEvent.create({
      data: { userId, event: locked ? "sign_in.locked" : event, ipAddress: meta.ip, userAgent: meta.userAgent },
    });
    return { locked };
  });
}

export interface NewSession {
  tokenHash: string;
  expiresAt: Date;
}

/** How the person proved who they are, for their security log ("password", "password+totp", "oauth:google"…). */
export type SignInMethod = string;

async function openSession(tx: SystemTx, userId: string, session: NewSession, meta: RequestMeta, method: SignInMethod): Promise<{ sessionId: string }> {
  await tx.user.update({
    where: { id: userId },
    data: { failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: new Date(), lastLoginIp: meta.ip },
  });
  const created = await tx.session.create({
    data: { userId, tokenHash: session.tokenHash, expiresAt: session.expiresAt, ipAddress: meta.ip, userAgent: meta.userAgent },
    select: { id: true },
  });
  await tx.securityEvent.create({
    data: { userId, event: "sign_in.succeeded", ipAddress: meta.ip, userAgent: meta.userAgent, details: { sessionId: created.id, method } },
  });
  return { sessionId: created.id };
}

export async function startSession(userId: string, session: NewSession, meta: RequestMeta, method: SignInMethod = "password"): Promise<{ sessionId: string }> {
  return systemDb().$transaction((tx) => openSession(tx, userId, session, meta, method));
}

// ------------------------------------------------------------------ per-request session check

export interface ActiveSession {
  sessionId: string;
  user: { id: string; email: string; fullName: string; firstName: string; isSuperAdmin: boolean };
}

const TOUCH_INTERVAL_MS = 60_000;

/** The session behind a JWT, if it is still live and its user may still sign in. */
export async function loadActiveSession(sessionId: string, tokenHash: string): Promise<ActiveSession | null> {
  const now = new Date();
  const session = await systemDb().session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      tokenHash: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, fullName: true, firstName: true, isSuperAdmin: true, status: true, deletedAt: true } },
    },
  });
  if (!session || session.tokenHash !== tokenHash || session.revokedAt || session.expiresAt <= now) return null;
  const { user } = session;
  if (user.status !== "active" || user.deletedAt) return null;
  if (now.getTime() - session.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await systemDb().session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
  }
  return {
    sessionId: session.id,
    user: { id: user.id, email: user.email, fullName: user.fullName, firstName: user.firstName, isSuperAdmin: user.isSuperAdmin },
  };
}

export async function endSession(sessionId: string, meta: RequestMeta): Promise<void> {
  await systemDb().$transaction(async (tx) => {
    const updated = await tx.session.updateManyAndReturn({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { userId: true },
    });
    if (updated[0]) {
      await tx.securityEvent.create({
        data: { userId: updated[0].userId, event: "sign_out", ipAddress: meta.ip, userAgent: meta.userAgent, details: { sessionId } },
      });
    }
  });
}

// ------------------------------------------------------------------ throttling

/**
 * Counts one attempt against `key` in a fixed window. Over `limit`, refuses and says how
 * long until the window resets. One statement, so concurrent attempts count correctly.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; attempts: number; retryAfterSeconds: number }> {
  const rows = await systemDb().$queryRaw<{ attempts: number; window_started_at: Date }[]>`
    INSERT INTO auth_rate_limits AS r (key, window_started_at, attempts) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN r.window_started_at <= now() - make_interval(secs => ${windowMs / 1000}) THEN 1 ELSE r.attempts + 1 END,
      window_started_at = CASE WHEN r.window_started_at <= now() - make_interval(secs => ${windowMs / 1000}) THEN now() ELSE r.window_started_at END
    RETURNING attempts, window_started_at`;
  const row = rows[0]!;
  const resetAt = row.window_started_at.getTime() + windowMs;
  return { allowed: row.attempts <= limit, attempts: row.attempts, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) };
}

/** Reads a counter without counting: used to refuse while an unknown email is "locked". */
export async function peekRateLimit(key: string, windowMs: number): Promise<number> {
  const row = await systemDb().authRateLimit.findUnique({ where: { key } });
  if (!row || row.windowStartedAt.getTime() + windowMs <= Date.now()) return 0;
  return row.attempts;
}

export async function clearRateLimit(key: string): Promise<void> {
  await systemDb().authRateLimit.deleteMany({ where: { key } });
}

// ------------------------------------------------------------------ membership resolution

export interface ResolvedMembership {
  organization: { id: string; name: string; slug: string };
  membershipId: string;
  role: { id: string; name: string };
  permissions: string[];
  /** The organization requires two-factor authentication, and whether this member has it on. */
  twoFactor: { required: boolean; enabled: boolean };
  /** The organization's subscription status and expiry: past due or ended means read-only (src/features/billing/access.ts). */
  billing: { status: string; expiresAt: Date | null };
}

/**
 * The caller's active membership in the organization with this slug, or null: a missing
 * organization and one the user is not a member of look exactly the same.
 */
export async function findMembership(userId: string, organizationSlug: string): Promise<ResolvedMembership | null> {
  const membership = await systemDb().membership.findFirst({
    where: { userId, status: "active", organization: { slug: organizationSlug, isActive: true } },
    select: {
      id: true,
      organization: { select: { id: true, name: true, slug: true, requireTwoFactor: true, subscriptionStatus: true, subscriptionExpiresAt: true } },
      user: { select: { twoFactorEnabled: true } },
      role: { select: { id: true, name: true, permissions: { select: { permission: { select: { name: true } } } } } },
    },
  });
  if (!membership) return null;
  const { requireTwoFactor, subscriptionStatus, subscriptionExpiresAt, ...organization } = membership.organization;
  return {
    organization,
    membershipId: membership.id,
    role: { id: membership.role.id, name: membership.role.name },
    permissions: membership.role.permissions.map((p) => p.permission.name),
    twoFactor: { required: requireTwoFactor, enabled: membership.user.twoFactorEnabled },
    billing: { status: subscriptionStatus, expiresAt: subscriptionExpiresAt },
  };
}

export async function listUserOrganizations(userId: string): Promise<{ id: string; name: string; slug: string; requireTwoFactor: boolean; roleName: string }[]> {
  const memberships = await systemDb().membership.findMany({
    where: { userId, status: "active", organization: { isActive: true } },
    select: { organization: { select: { id: true, name: true, slug: true, requireTwoFactor: true } }, role: { select: { name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return memberships.map((m) => ({ ...m.organization, roleName: m.role.name }));
}

// ------------------------------------------------------------------ invitations

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

// ------------------------------------------------------------------ demo seed

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

// ------------------------------------------------------------------ jobs

/**
 * Marks as failed the imports whose server stopped while they ran. A running import touches its
 * row with every batch (a fraction of a second apart), so one untouched for `staleAfterMs` has
 * no process behind it, whichever server started it. What it wrote stays, and can be undone.
 */
export async function failStaleImports(staleAfterMs = 120_000): Promise<number> {
  return systemDb().$transaction(async (tx) => {
    const stale = await tx.import.findMany({
      where: { status: "running", updatedAt: { lt: new Date(Date.now() - staleAfterMs) } },
      select: { id: true, organizationId: true, processedRows: true },
    });
    for (const imp of stale) {
      const error = `The server stopped after ${imp.processedRows} rows of this import. Undo it to remove what it wrote, then import the file again.`;
      await tx.import.update({ where: { id: imp.id }, data: { status: "failed", error, finishedAt: new Date() } });
      await tx.auditLog.create({
        data: { organizationId: imp.organizationId, action: "import.fail", resourceType: "import", resourceId: imp.id, newValues: { error }, userAgent: "system" },
      });
    }
    return stale.length;
  });
}

// ------------------------------------------------------------------ billing (Stripe webhooks)

type BillingSource = { kind: "webhook"; eventId: string; eventType: string } | { kind: "app"; userId: string | null; action: string };

/** Serializes everything that reads and applies one Stripe subscription's state (released at commit). */
async function lockStripeSubscription(tx: SystemTx, subscriptionId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe-subscription:${subscriptionId}`}, 0))`;
}

function billingAudit(tx: SystemTx, organizationId: string, source: BillingSource, entry: { action: string; resourceId?: string; oldValues?: object; newValues?: object }) {
  const details = source.kind === "webhook" ? { source: "stripe", eventId: source.eventId, eventType: source.eventType } : { source: "parley", action: source.action };
  return tx.auditLog.create({
    data: {
      organizationId, userId: source.kind === "app" ? source.userId : null, action: entry.action, resourceType: "subscription",
      resourceId: entry.resourceId ?? null, oldValues: entry.oldValues, newValues: entry.newValues, details,
      userAgent: source.kind === "webhook" ? "Stripe webhook" : null,
    },
  });
}

async function linkStripeCustomer(tx: SystemTx, organizationId: string, customerId: string): Promise<string> {
  const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { stripeCustomerId: true } });
  if (!organization) return "ignored: no such organization";
  if (organization.stripeCustomerId === customerId) return "customer already linked";
  if (organization.stripeCustomerId) return "ignored: the organization has another Stripe customer";
  const other = await tx.organization.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
  if (other) return "ignored: the customer belongs to another organization";
  await tx.organization.update({ where: { id: organizationId }, data: { stripeCustomerId: customerId } });
  return "customer linked";
}

/**
 * Applies a subscription as Stripe reported it: the billing_subscriptions row and the
 * organization's tier, status, expiry and limits. A state read earlier than the one stored is
 * stale and skipped; another subscription never displaces a live one with a dead one.
 */
async function applyStripeSubscription(tx: SystemTx, effect: SubscriptionEffect, source: BillingSource): Promise<string> {
  const snap = effect.snapshot;
  const select = { id: true, stripeCustomerId: true, subscriptionTier: true, subscriptionStatus: true, subscriptionExpiresAt: true, maxUsers: true } as const;
  let organization = effect.organizationHint ? await tx.organization.findUnique({ where: { id: effect.organizationHint }, select }) : null;
  if (organization?.stripeCustomerId && organization.stripeCustomerId !== snap.customerId) organization = null;
  organization ??= await tx.organization.findUnique({ where: { stripeCustomerId: snap.customerId }, select });
  if (!organization) return `ignored: no organization for customer ${snap.customerId}`;
  if (!organization.stripeCustomerId && (await tx.organization.findUnique({ where: { stripeCustomerId: snap.customerId }, select: { id: true } }))) {
    return "ignored: the customer belongs to another organization";
  }
  // The same lock seat changes take: the organization's limits change under it.
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organization.id}::uuid FOR UPDATE`;
  const current = await tx.billingSubscription.findUnique({ where: { organizationId: organization.id } });
  const live = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);
  if (current?.stripeSubscriptionId === snap.id && current.syncedAt > effect.observedAt) return `stale: a newer state of ${snap.id} is applied`;
  if (current && current.stripeSubscriptionId !== snap.id && live(current.status)) {
    if (!live(snap.status)) return `ignored: ${snap.id} is not the organization's current subscription`;
    console.warn(`billing: organization ${organization.id} has two live subscriptions (${current.stripeSubscriptionId}, ${snap.id}); following the newer`);
  }
  const data = {
    stripeSubscriptionId: snap.id, stripeCustomerId: snap.customerId, stripePriceId: snap.priceId, stripeItemId: snap.itemId,
    tier: snap.tier, billingInterval: snap.interval, status: snap.status, quantity: snap.quantity,
    currentPeriodStart: snap.currentPeriodStart, currentPeriodEnd: snap.currentPeriodEnd, cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    cancelAt: snap.cancelAt, canceledAt: snap.canceledAt, endedAt: snap.endedAt, trialEnd: snap.trialEnd, syncedAt: effect.observedAt,
    ...(current && current.stripeSubscriptionId !== snap.id ? { lastPaymentFailedAt: null, lastInvoiceUrl: null, paymentEventAt: null } : {}),
  };
  const row = await tx.billingSubscription.upsert({ where: { organizationId: organization.id }, create: { organizationId: organization.id, ...data }, update: data, select: { id: true } });
  // An ended subscription never pulls back an organization that has since moved on to Free.
  const movedOn = !live(snap.status) && organization.subscriptionTier === "free" && organization.subscriptionStatus === "active";
  const state = movedOn ? null : effect.organization;
  await tx.organization.update({
    where: { id: organization.id },
    data: { ...(organization.stripeCustomerId ? {} : { stripeCustomerId: snap.customerId }), ...(state ?? {}) },
  });
  const before = { tier: current?.tier ?? organization.subscriptionTier, status: current?.status ?? organization.subscriptionStatus, quantity: current?.quantity, cancelAtPeriodEnd: current?.cancelAtPeriodEnd, currentPeriodEnd: current?.currentPeriodEnd };
  const after = { tier: snap.tier, status: snap.status, quantity: snap.quantity, cancelAtPeriodEnd: snap.cancelAtPeriodEnd, currentPeriodEnd: snap.currentPeriodEnd };
  if (JSON.stringify(before) !== JSON.stringify(after) || current?.stripeSubscriptionId !== snap.id) {
    await billingAudit(tx, organization.id, source, { action: "billing.subscription_sync", resourceId: row.id, oldValues: before, newValues: { ...after, subscription: snap.id, interval: snap.interval } });
  }
  return `applied ${snap.id} (${snap.status}) to organization ${organization.id}`;
}

async function applyStripePayment(tx: SystemTx, subscriptionId: string, payment: { failed: boolean; at: Date; invoiceUrl: string | null }, source: BillingSource): Promise<string> {
  const row = await tx.billingSubscription.findFirst({ where: { stripeSubscriptionId: subscriptionId }, select: { id: true, organizationId: true, paymentEventAt: true } });
  if (!row) return `ignored: no organization has subscription ${subscriptionId}`;
  if (row.paymentEventAt && row.paymentEventAt > payment.at) return "stale: a later invoice outcome is recorded";
  await tx.billingSubscription.update({
    where: { id: row.id },
    data: { lastPaymentFailedAt: payment.failed ? payment.at : null, lastInvoiceUrl: payment.invoiceUrl, paymentEventAt: payment.at },
  });
  await billingAudit(tx, row.organizationId, source, { action: payment.failed ? "billing.payment_failed" : "billing.payment_succeeded", resourceId: row.id, newValues: { invoiceUrl: payment.invoiceUrl } });
  return payment.failed ? "payment failure recorded" : "payment recorded";
}

async function applyBillingEffect(tx: SystemTx, effect: BillingEffect, source: BillingSource): Promise<string> {
  switch (effect.kind) {
    case "link_customer": return linkStripeCustomer(tx, effect.organizationId, effect.customerId);
    case "subscription": return applyStripeSubscription(tx, effect, source);
    case "payment": return applyStripePayment(tx, effect.subscriptionId, effect, source);
    case "ignore": return `ignored: ${effect.reason}`;
  }
}

/**
 * Processes a verified Stripe webhook event exactly once. Its id is inserted first, in the same
 * transaction as its effect: a second delivery (even one arriving at the same moment, which
 * waits on the first's uncommitted row) finds it and does nothing, and an effect that fails
 * rolls the id back so Stripe's retry runs it again. `resolve` reads Stripe's current state
 * (no database) while the subscription's lock is held, so the newest read is applied last.
 */
export async function processStripeEventOnce(
  event: { id: string; type: string; created: Date },
  subscriptionId: string | null,
  resolve: () => Promise<BillingEffect[]>,
): Promise<{ duplicate: boolean; outcome: string }> {
  return systemDb().$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ event_id: string }[]>`
      INSERT INTO stripe_events (event_id, type, stripe_created_at) VALUES (${event.id}, ${event.type}, ${event.created})
      ON CONFLICT (event_id) DO NOTHING RETURNING event_id`;
    if (!inserted.length) return { duplicate: true, outcome: "duplicate" };
    if (subscriptionId) await lockStripeSubscription(tx, subscriptionId);
    const source: BillingSource = { kind: "webhook", eventId: event.id, eventType: event.type };
    const outcomes: string[] = [];
    for (const effect of await resolve()) outcomes.push(await applyBillingEffect(tx, effect, source));
    const outcome = (outcomes.join("; ") || "ignored").slice(0, 500);
    await tx.stripeEvent.update({ where: { eventId: event.id }, data: { outcome } });
    return { duplicate: false, outcome };
  }, { maxWait: 10_000, timeout: 45_000 });
}

/** Applies the subscription a billing action got back from Stripe (plan change, cancel, seats). */
export async function recordStripeSubscription(effect: SubscriptionEffect, actor: { userId: string | null; action: string }): Promise<string> {
  return systemDb().$transaction(async (tx) => {
    await lockStripeSubscription(tx, effect.snapshot.id);
    return applyStripeSubscription(tx, effect, { kind: "app", ...actor });
  });
}

// ------------------------------------------------------------------ dev outbox

/** An attachment as the dev outbox keeps it (the file itself base64-encoded). */
export interface OutboxAttachment { filename: string; contentType: string; size: number; base64: string }

/** Keeps an email that no SMTP server was configured to send (see src/server/email). */
export async function storeOutboxMessage(m: {
  to: string; from: string; subject: string; text: string; html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}): Promise<void> {
  const attachments: OutboxAttachment[] = m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length, base64: a.content.toString("base64") }));
  await systemDb().devOutboxMessage.create({
    data: { toAddress: m.to.toLowerCase(), fromAddress: m.from, subject: m.subject.slice(0, 500), textBody: m.text, htmlBody: m.html, attachments: attachments as unknown as Prisma.InputJsonValue },
  });
}

const asAttachments = (value: Prisma.JsonValue | undefined): OutboxAttachment[] => (Array.isArray(value) ? (value as unknown as OutboxAttachment[]) : []);

/** A kept message's attachments (empty for an unknown message). */
export async function outboxAttachments(id: string): Promise<OutboxAttachment[]> {
  const message = await systemDb().devOutboxMessage.findUnique({ where: { id }, select: { attachments: true } });
  return asAttachments(message?.attachments);
}

/** The dev outbox, newest first; only ever called while the outbox is on (src/server/email/config.ts). */
export function listOutboxMessages(limit = 100) {
  return systemDb().devOutboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit, omit: { attachments: true } });
}

export async function getOutboxMessage(id: string) {
  const message = await systemDb().devOutboxMessage.findUnique({ where: { id } });
  return message ? { ...message, attachments: asAttachments(message.attachments) } : null;
}

// ------------------------------------------------------------------ API keys

export interface ApiKeyPrincipal {
  keyId: string;
  keyName: string;
  /** Who created the key: the key acts as them, within its scopes. */
  userId: string;
  membership: ResolvedMembership;
}

/**
 * The organization and permissions an API key (prly_<id>_<secret>) authenticates, or why not.
 * Its permissions are its scopes as far as its creator's role still grants them, and it stops
 * working when its creator leaves the organization. Reasons beyond "invalid" are only told to
 * someone holding the right secret.
 */
export async function authenticateApiKey(token: string): Promise<{ ok: true; principal: ApiKeyPrincipal } | { ok: false; reason: string }> {
  const parsed = parseApiKey(token);
  if (!parsed) return { ok: false, reason: "That is not a Parley API key" };
  const row = await systemDb().apiKey.findUnique({
    where: { id: parsed.id },
    select: { id: true, name: true, keyHash: true, permissions: true, isActive: true, revokedAt: true, expiresAt: true, lastUsedAt: true, userId: true, organization: { select: { slug: true, isActive: true } } },
  });
  if (!row || !secretMatches(parsed.secret, row.keyHash) || !row.organization.isActive) return { ok: false, reason: "Invalid API key" };
  if (!row.isActive || row.revokedAt) return { ok: false, reason: "This API key has been revoked" };
  if (row.expiresAt && row.expiresAt <= new Date()) return { ok: false, reason: "This API key has expired" };
  const membership = row.userId ? await findMembership(row.userId, row.organization.slug) : null;
  if (!row.userId || !membership) return { ok: false, reason: "The member who created this API key no longer belongs to the organization" };
  const scopes = new Set(row.permissions as string[]);
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await systemDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    ok: true,
    principal: {
      keyId: row.id, keyName: row.name, userId: row.userId,
      membership: { ...membership, role: { ...membership.role, name: `API key “${row.name}”` }, permissions: membership.permissions.filter((p) => scopes.has(p)) },
    },
  };
}

// ------------------------------------------------------------------ account security: link tokens
// Email verification, email change and password reset links. A token is random, only its
// sha256 is stored, it is single use, and issuing a new one for the same purpose replaces any
// still open. Callers send the email after these return (the transaction has committed).

type LinkPurpose = "email_verification" | "email_change" | "password_reset";

async function issueLinkToken(tx: SystemTx, userId: string, purpose: LinkPurpose | "two_factor_challenge", identifier: string, ttlMs: number): Promise<string> {
  await tx.verificationToken.deleteMany({ where: { userId, purpose, consumedAt: null } });
  const token = newToken();
  await tx.verificationToken.create({
    data: { userId, identifier, purpose, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + ttlMs) },
  });
  return token;
}

async function securityEvent(tx: SystemTx, userId: string, event: string, meta: RequestMeta, details: Record<string, unknown> = {}) {
  await tx.securityEvent.create({ data: { userId, event, ipAddress: meta.ip, userAgent: meta.userAgent, details: details as Prisma.InputJsonObject } });
}

const canUseAccount = (user: { status: string; deletedAt: Date | null } | null) => !!user && user.status === "active" && !user.deletedAt;

/** A verification link for the user's current address, or null when it is already verified (or the account is gone). */
export async function issueEmailVerification(userId: string, ttlMs: number, meta: RequestMeta): Promise<{ email: string; firstName: string; token: string } | null> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, firstName: true, emailVerified: true, status: true, deletedAt: true } });
    if (!canUseAccount(user) || user!.emailVerified) return null;
    const token = await issueLinkToken(tx, userId, "email_verification", user!.email, ttlMs);
    await securityEvent(tx, userId, "email.verification_sent", meta, { email: user!.email });
    return { email: user!.email, firstName: user!.firstName, token };
  });
}

/** A link to confirm `newEmail` as the user's sign-in address; nothing changes until it is used. */
export async function issueEmailChange(
  userId: string,
  newEmail: string,
  ttlMs: number,
  meta: RequestMeta,
): Promise<{ ok: true; token: string; firstName: string } | { ok: false; reason: "same" | "taken" }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, firstName: true } });
    if (user.email === newEmail) return { ok: false, reason: "same" } as const;
    if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })) return { ok: false, reason: "taken" } as const;
    const token = await issueLinkToken(tx, userId, "email_change", newEmail, ttlMs);
    await securityEvent(tx, userId, "email.change_requested", meta, { from: user.email, to: newEmail });
    return { ok: true, token, firstName: user.firstName } as const;
  });
}

export async function pendingEmailChange(userId: string): Promise<{ email: string; expiresAt: Date } | null> {
  const token = await systemDb().verificationToken.findFirst({
    where: { userId, purpose: "email_change", consumedAt: null, expiresAt: { gt: new Date() } },
    select: { identifier: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
  return token ? { email: token.identifier, expiresAt: token.expiresAt } : null;
}

export async function cancelEmailChange(userId: string, meta: RequestMeta): Promise<{ cancelled: number }> {
  return systemDb().$transaction(async (tx) => {
    const { count } = await tx.verificationToken.deleteMany({ where: { userId, purpose: "email_change", consumedAt: null } });
    if (count) await securityEvent(tx, userId, "email.change_cancelled", meta);
    return { cancelled: count };
  });
}

export type EmailLinkResult =
  | { status: "verified"; email: string }
  | { status: "already-verified"; email: string }
  | { status: "changed"; oldEmail: string; newEmail: string; firstName: string }
  | { status: "taken"; newEmail: string }
  | { status: "expired" }
  | { status: "invalid" };

/**
 * Uses an email verification or email change link. Opening a used verification link again
 * (a refresh, a second click) says it is already verified rather than that it is invalid.
 */
export async function consumeEmailLink(tokenHash: string, meta: RequestMeta): Promise<EmailLinkResult> {
  try {
    return await systemDb().$transaction(async (tx): Promise<EmailLinkResult> => {
      const now = new Date();
      const token = await tx.verificationToken.findUnique({
        where: { tokenHash },
        select: {
          id: true, purpose: true, identifier: true, expiresAt: true, consumedAt: true,
          user: { select: { id: true, email: true, firstName: true, emailVerified: true, status: true, deletedAt: true } },
        },
      });
      if (!token || !token.user || (token.purpose !== "email_verification" && token.purpose !== "email_change")) return { status: "invalid" };
      const user = token.user;
      if (!canUseAccount(user)) return { status: "invalid" };
      if (token.consumedAt) {
        return token.purpose === "email_verification" && user.emailVerified && user.email === token.identifier
          ? { status: "already-verified", email: user.email }
          : { status: "invalid" };
      }
      if (token.expiresAt <= now) return { status: "expired" };
      const { count } = await tx.verificationToken.updateMany({ where: { id: token.id, consumedAt: null }, data: { consumedAt: now } });
      if (count === 0) return { status: "invalid" };

      if (token.purpose === "email_verification") {
        // A link for an address the account no longer has proves nothing about the current one.
        if (token.identifier !== user.email) return { status: "invalid" };
        if (!user.emailVerified) await tx.user.update({ where: { id: user.id }, data: { emailVerified: now } });
        await securityEvent(tx, user.id, "email.verified", meta, { email: user.email });
        return { status: "verified", email: user.email };
      }

      const newEmail = token.identifier;
      const holder = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
      if (holder && holder.id !== user.id) return { status: "taken", newEmail };
      await tx.user.update({ where: { id: user.id }, data: { email: newEmail, emailVerified: now } });
      // Links mailed to the old address (reset, verification) and other pending changes die with it.
      await tx.verificationToken.deleteMany({
        where: { userId: user.id, consumedAt: null, purpose: { in: ["email_change", "email_verification", "password_reset"] } },
      });
      await securityEvent(tx, user.id, "email.changed", meta, { from: user.email, to: newEmail });
      return { status: "changed", oldEmail: user.email, newEmail, firstName: user.firstName };
    });
  } catch (error) {
    // Someone took the address between the check and the update.
    if ((error as { code?: string }).code === "P2002") return { status: "invalid" };
    throw error;
  }
}

/** A password reset link for an active account with this email, or null (the caller answers the same either way). */
export async function issuePasswordReset(email: string, ttlMs: number, meta: RequestMeta): Promise<{ email: string; firstName: string; token: string } | null> {
  const user = await systemDb().user.findUnique({ where: { email }, select: { id: true, email: true, firstName: true, status: true, deletedAt: true } });
  if (!user || !canUseAccount(user)) return null;
  return systemDb().$transaction(async (tx) => {
    const token = await issueLinkToken(tx, user.id, "password_reset", user.email, ttlMs);
    await securityEvent(tx, user.id, "password.reset_requested", meta);
    return { email: user.email, firstName: user.firstName, token };
  });
}

export async function passwordResetLinkIsOpen(tokenHash: string): Promise<boolean> {
  const open = await systemDb().verificationToken.count({
    where: { tokenHash, purpose: "password_reset", consumedAt: null, expiresAt: { gt: new Date() }, user: { status: "active", deletedAt: null } },
  });
  return open > 0;
}

/**
 * Sets a new password from a reset link (once), ends every session of the account, clears a
 * lockout, and counts the address as verified (the link reached it). Null when the link is
 * unknown, used or expired.
 */
export async function resetPasswordWithLink(
  tokenHash: string,
  passwordHash: string,
  meta: RequestMeta,
): Promise<{ email: string; firstName: string; sessionsEnded: number } | null> {
  return systemDb().$transaction(async (tx) => {
    const now = new Date();
    const [token] = await tx.verificationToken.updateManyAndReturn({
      where: { tokenHash, purpose: "password_reset", consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
      select: { userId: true },
    });
    if (!token?.userId) return null;
    const user = await tx.user.findUnique({ where: { id: token.userId }, select: { id: true, email: true, firstName: true, emailVerified: true, status: true, deletedAt: true } });
    if (!user || !canUseAccount(user)) return null;
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, failedLoginAttempts: 0, lockedUntil: null, emailVerified: user.emailVerified ?? now },
    });
    const { count } = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.verificationToken.deleteMany({ where: { userId: user.id, purpose: "password_reset", consumedAt: null } });
    await securityEvent(tx, user.id, "password.reset", meta, { sessionsEnded: count });
    return { email: user.email, firstName: user.firstName, sessionsEnded: count };
  });
}

// ------------------------------------------------------------------ account security: second factor at sign-in

export type SecondFactorProof = { kind: "totp"; step: number } | { kind: "recovery"; codeHash: string };

class ProofAlreadySpent extends Error {}

/**
 * Spends the second factor (an authenticator code's time step, or a recovery code) and opens
 * the session, in one transaction: null when the proof was spent already (a replayed code, a
 * used recovery code) or the OAuth challenge it answers is gone, and then nothing changes.
 */
export async function startSessionWithSecondFactor(
  userId: string,
  proof: SecondFactorProof,
  session: NewSession,
  meta: RequestMeta,
  method: SignInMethod,
  challengeHash?: string,
): Promise<{ sessionId: string; recoveryCodesLeft: number | null } | null> {
  try {
    return await systemDb().$transaction(async (tx) => {
      const now = new Date();
      if (challengeHash) {
        const { count } = await tx.verificationToken.updateMany({
          where: { tokenHash: challengeHash, userId, purpose: "two_factor_challenge", consumedAt: null, expiresAt: { gt: now } },
          data: { consumedAt: now },
        });
        if (count === 0) throw new ProofAlreadySpent();
      }
      let recoveryCodesLeft: number | null = null;
      if (proof.kind === "totp") {
        const { count } = await tx.user.updateMany({
          where: { id: userId, twoFactorEnabled: true, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: proof.step } }] },
          data: { twoFactorLastStep: proof.step },
        });
        if (count === 0) throw new ProofAlreadySpent();
      } else {
        const { count } = await tx.twoFactorRecoveryCode.updateMany({ where: { userId, codeHash: proof.codeHash, usedAt: null }, data: { usedAt: now } });
        if (count === 0) throw new ProofAlreadySpent();
        recoveryCodesLeft = await tx.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } });
        await securityEvent(tx, userId, "two_factor.recovery_code_used", meta, { remaining: recoveryCodesLeft });
      }
      const { sessionId } = await openSession(tx, userId, session, meta, method);
      return { sessionId, recoveryCodesLeft };
    });
  } catch (error) {
    if (error instanceof ProofAlreadySpent) return null;
    throw error;
  }
}

/** The step between an OAuth sign-in and the code it still needs: a single-use token, minutes long. */
export async function issueTwoFactorChallenge(userId: string, provider: string, ttlMs: number): Promise<string> {
  return systemDb().$transaction((tx) => issueLinkToken(tx, userId, "two_factor_challenge", provider, ttlMs));
}

export async function findTwoFactorChallenge(tokenHash: string): Promise<{ userId: string; provider: string } | null> {
  const token = await systemDb().verificationToken.findUnique({ where: { tokenHash }, select: { userId: true, identifier: true, purpose: true, consumedAt: true, expiresAt: true } });
  if (!token?.userId || token.purpose !== "two_factor_challenge" || token.consumedAt || token.expiresAt <= new Date()) return null;
  return { userId: token.userId, provider: token.identifier };
}

/** The sign-in facts findUserForSignIn gives, by id (for the second step of an OAuth sign-in). */
export function findUserForSecondFactor(userId: string) {
  return systemDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true, email: true, firstName: true, status: true, lockedUntil: true, deletedAt: true,
      twoFactorEnabled: true, twoFactorSecret: true, twoFactorLastStep: true,
    },
  });
}

// ------------------------------------------------------------------ account security: OAuth accounts

const oauthUserFields = { id: true, email: true, emailVerified: true, status: true, deletedAt: true, twoFactorEnabled: true } as const;

export type OAuthCandidate = { id: string; email: string; emailVerified: Date | null; status: string; deletedAt: Date | null; twoFactorEnabled: boolean };

/** The account already linked to this provider identity, and the account with this email. */
export async function findOAuthCandidates(provider: string, providerAccountId: string, email: string | null): Promise<{ linked: OAuthCandidate | null; byEmail: OAuthCandidate | null }> {
  const [linked, byEmail] = await Promise.all([
    systemDb().oAuthAccount.findUnique({
      where: { provider_providerAccountId: { provider, providerAccountId } },
      select: { user: { select: oauthUserFields } },
    }),
    email ? systemDb().user.findUnique({ where: { email }, select: oauthUserFields }) : null,
  ]);
  return { linked: linked?.user ?? null, byEmail };
}

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  type: string;
}

export async function linkOAuthAccount(userId: string, identity: OAuthIdentity, meta: RequestMeta): Promise<void> {
  await systemDb().$transaction(async (tx) => {
    await tx.oAuthAccount.create({ data: { userId, ...identity } });
    await securityEvent(tx, userId, "oauth.linked", meta, { provider: identity.provider });
  });
}

/** A new account from a provider that verified the email: no password, email verified, no organization yet. */
export async function createOAuthUser(
  person: { email: string; firstName: string; lastName: string; avatarUrl: string | null },
  identity: OAuthIdentity,
  meta: RequestMeta,
): Promise<{ userId: string }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: person.email,
        emailVerified: new Date(),
        firstName: person.firstName,
        lastName: person.lastName,
        fullName: `${person.firstName} ${person.lastName}`.trim(),
        avatarUrl: person.avatarUrl,
      },
      select: { id: true },
    });
    await tx.oAuthAccount.create({ data: { userId: user.id, ...identity } });
    await securityEvent(tx, user.id, "account.created", meta, { method: `oauth:${identity.provider}` });
    return { userId: user.id };
  });
}

/** The providers a user signs in with, for their security page. */
export function listOAuthAccounts(userId: string) {
  return systemDb().oAuthAccount.findMany({ where: { userId }, select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } });
}

// ------------------------------------------------------------------ organization exports and deletion

/** An export that could not be queued or whose job gave up: said on its row, for the page. */
export async function markExportFailed(organizationId: string, exportId: string, error: string): Promise<void> {
  await systemDb().organizationExport.updateMany({
    where: { id: exportId, organizationId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: error.slice(0, 2000), finishedAt: new Date() },
  });
}

/** The id of an organization's Stripe subscription while it is live (to end it before deleting). */
export async function findLiveStripeSubscription(organizationId: string): Promise<string | null> {
  const sub = await systemDb().billingSubscription.findFirst({
    where: { organizationId, status: { in: [...LIVE_STATUSES] } },
    select: { stripeSubscriptionId: true },
  });
  return sub?.stripeSubscriptionId ?? null;
}

/**
 * Deletes an organization and, through the foreign keys' cascades, every row of every tenant
 * table. The person who did it keeps a record in their own security log (the organization's
 * audit log goes with it).
 */
export async function deleteOrganizationAndData(organizationId: string, userId: string, meta: RequestMeta): Promise<{ name: string; slug: string }> {
  return systemDb().$transaction(async (tx) => {
    const org = await tx.organization.delete({ where: { id: organizationId }, select: { name: true, slug: true } });
    await tx.securityEvent.create({
      data: { userId, event: "organization.delete", ipAddress: meta.ip, userAgent: meta.userAgent, details: { organizationId, name: org.name, slug: org.slug } },
    });
    return org;
  }, { timeout: 120_000 });
}

// ------------------------------------------------------------------ public proposal links

export interface ProposalLinkTarget {
  linkId: string;
  organizationId: string;
  proposalId: string;
  revoked: boolean;
  /** Who the client's answers are recorded as: the deal's owner, else the proposal's author. */
  actorId: string | null;
}

/**
 * The public proposal page's only cross-organization step: which organization and proposal a
 * link's token hash belongs to. Everything else happens inside that organization (withOrg).
 */
export async function findProposalLinkByTokenHash(tokenHash: string): Promise<ProposalLinkTarget | null> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) return null;
  const link = await systemDb().proposalLink.findFirst({
    where: { tokenHash, organization: { isActive: true } },
    select: {
      id: true, organizationId: true, proposalId: true, revokedAt: true,
      proposal: { select: { createdBy: true, opportunity: { select: { ownerId: true } } } },
    },
  });
  if (!link) return null;
  return {
    linkId: link.id, organizationId: link.organizationId, proposalId: link.proposalId, revoked: link.revokedAt !== null,
    actorId: link.proposal.opportunity.ownerId ?? link.proposal.createdBy,
  };
}

export interface ContractLinkTarget {
  linkId: string;
  organizationId: string;
  contractId: string;
  revoked: boolean;
  /** Who the client's signature is recorded as acting through: the contract's owner, else its author. */
  actorId: string | null;
}

/**
 * The public signing page's only cross-organization step: which organization and contract a
 * link's token hash belongs to. Everything else happens inside that organization (withOrg).
 */
export async function findContractLinkByTokenHash(tokenHash: string): Promise<ContractLinkTarget | null> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) return null;
  const link = await systemDb().contractLink.findFirst({
    where: { tokenHash, organization: { isActive: true } },
    select: { id: true, organizationId: true, contractId: true, revokedAt: true, contract: { select: { ownerId: true, createdBy: true } } },
  });
  if (!link) return null;
  return {
    linkId: link.id, organizationId: link.organizationId, contractId: link.contractId, revoked: link.revokedAt !== null,
    actorId: link.contract.ownerId ?? link.contract.createdBy,
  };
}

/**
 * The renewal job's sweep: organizations with an active contract whose end has passed (to renew
 * or expire) or that ends within `reminderDays` and has had no reminder. "Today" is each
 * organization's own date in its time zone.
 */
export async function organizationsWithContractsDue(reminderDays: number): Promise<string[]> {
  const rows = await systemDb().$queryRaw<{ organization_id: string }[]>`
    SELECT DISTINCT c.organization_id FROM contracts c JOIN organizations o ON o.id = c.organization_id
    WHERE c.status = 'active' AND c.end_date IS NOT NULL AND o.is_active
      AND (c.end_date < (now() AT TIME ZONE o.timezone)::date
        OR (c.renewal_reminder_sent_at IS NULL AND c.end_date <= (now() AT TIME ZONE o.timezone)::date + ${reminderDays}::int))`;
  return rows.map((r) => r.organization_id);
}
