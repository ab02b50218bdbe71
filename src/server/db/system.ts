// Every use of the system role (BYPASSRLS) is a named function in this file: sign-up,
// sign-in and session checks (which must look across organizations before one is chosen),
// webhooks and jobs. Keep each one small and obvious; review additions here with care.
import type { Prisma } from "@/generated/prisma/client";
import { parseApiKey, secretMatches } from "@/features/api-keys/api-key-token";
import { DEFAULT_PIPELINE } from "@/features/pipelines/default-pipeline";
import { SYSTEM_ROLES, SYSTEM_ROLE_NAMES, type PermissionName } from "@/features/roles/permissions";
import { nextFreeSlug, slugify } from "@/lib/slug";
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
    data: { name: name.trim(), slug: await freeSlug(tx, name) },
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
  input: { email: string; passwordHash: string; firstName: string; lastName: string; organizationName: string },
  meta: RequestMeta,
): Promise<{ userId: string; organizationSlug: string }> {
  return systemDb().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: input.email,
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
    select: { id: true, passwordHash: true, status: true, lockedUntil: true, failedLoginAttempts: true, deletedAt: true },
  });
}

/** Counts a failed password; the attempt that reaches `maxAttempts` locks the account. */
export async function recordFailedSignIn(
  userId: string,
  policy: { maxAttempts: number; lockMs: number },
  meta: RequestMeta,
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
      data: { userId, event: locked ? "sign_in.locked" : "sign_in.failed", ipAddress: meta.ip, userAgent: meta.userAgent },
    });
    return { locked };
  });
}

export async function startSession(
  userId: string,
  session: { tokenHash: string; expiresAt: Date },
  meta: RequestMeta,
): Promise<{ sessionId: string }> {
  return systemDb().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: new Date(), lastLoginIp: meta.ip },
    });
    const created = await tx.session.create({
      data: { userId, tokenHash: session.tokenHash, expiresAt: session.expiresAt, ipAddress: meta.ip, userAgent: meta.userAgent },
      select: { id: true },
    });
    await tx.securityEvent.create({
      data: { userId, event: "sign_in.succeeded", ipAddress: meta.ip, userAgent: meta.userAgent, details: { sessionId: created.id } },
    });
    return { sessionId: created.id };
  });
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
      organization: { select: { id: true, name: true, slug: true } },
      role: { select: { id: true, name: true, permissions: { select: { permission: { select: { name: true } } } } } },
    },
  });
  if (!membership) return null;
  return {
    organization: membership.organization,
    membershipId: membership.id,
    role: { id: membership.role.id, name: membership.role.name },
    permissions: membership.role.permissions.map((p) => p.permission.name),
  };
}

export async function listUserOrganizations(userId: string): Promise<{ id: string; name: string; slug: string; roleName: string }[]> {
  const memberships = await systemDb().membership.findMany({
    where: { userId, status: "active", organization: { isActive: true } },
    select: { organization: { select: { id: true, name: true, slug: true } }, role: { select: { name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return memberships.map((m) => ({ ...m.organization, roleName: m.role.name }));
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

// ------------------------------------------------------------------ dev outbox

/** Keeps an email that no SMTP server was configured to send (see src/server/email). */
export async function storeOutboxMessage(m: { to: string; from: string; subject: string; text: string; html: string | null }): Promise<void> {
  await systemDb().devOutboxMessage.create({ data: { toAddress: m.to.toLowerCase(), fromAddress: m.from, subject: m.subject.slice(0, 500), textBody: m.text, htmlBody: m.html } });
}

/** The dev outbox, newest first; only ever called while the outbox is on (src/server/email/config.ts). */
export function listOutboxMessages(limit = 100) {
  return systemDb().devOutboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}

export function getOutboxMessage(id: string) {
  return systemDb().devOutboxMessage.findUnique({ where: { id } });
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

// ------------------------------------------------------------------ organization exports and deletion

/** An export that could not be queued or whose job gave up: said on its row, for the page. */
export async function markExportFailed(organizationId: string, exportId: string, error: string): Promise<void> {
  await systemDb().organizationExport.updateMany({
    where: { id: exportId, organizationId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: error.slice(0, 2000), finishedAt: new Date() },
  });
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
