// Procedures. orgProcedure is the tenancy wall for the API: it resolves the caller's
// membership (a non-member gets NOT_FOUND, exactly like a missing organization), checks the
// permission named in the procedure's meta, and runs the resolver inside withOrg, so the
// only database handle a router or service ever sees is the scoped transaction.
// orgPhasedProcedure is the same wall for the rare procedure that waits on the network between
// database steps: each step gets its own scoped transaction.
import { TRPCError, initTRPC } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/unstable-core-do-not-import";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { readOnlyMessage, readOnlyReason } from "@/features/billing/access";
import { type Action, type RequiredPermission, type Resource, hasPermission } from "@/features/roles/permissions";
import { findUnsafeText, unsafeTextProblem } from "@/lib/safe-text";
import { TwoFactorRequired } from "@/server/auth/two-factor-gate";
import { billingEnabled } from "@/server/billing/config";
import type { ActiveSession, ResolvedMembership } from "@/server/db/system/sessions";
import type { ApiKeyPrincipal } from "@/server/db/system/api-keys";
import type { RequestMeta } from "@/server/request-meta";
import { findMembership } from "@/server/db/system/sessions";
import { type Tx, withOrg, withUser } from "@/server/db/tenant";
import { AppError, toPublicTRPCError, toTRPCError } from "./errors";
import { type InOrg, type UserScope, afterCommitQueue, createOrgScope } from "./scope";

export interface Context {
  session: ActiveSession | null;
  /** Set instead of a session when the request carried a valid API key (Authorization: Bearer). */
  apiKey?: ApiKeyPrincipal | null;
  meta: RequestMeta;
  /** The organization the request is for: the x-parley-org header, or the page's slug. */
  orgSlug: string | null;
}

export interface Meta {
  permission?: RequiredPermission;
  /** Further permissions the procedure also needs (e.g. converting a lead writes a deal). */
  alsoRequires?: RequiredPermission[];
  /**
   * Instead of `permission`, when the resource depends on the call (an import of leads needs
   * leads:write, one of contacts contacts:write): the action, and the resources the call may be
   * about. orgProcedureOn (./resource-procedure.ts) names the resource once the input is parsed;
   * a call that finishes without that check fails, as a mutation without an audit row does.
   */
  resourcePermission?: { action: Action; oneOf: readonly Resource[] };
  /**
   * Allowed while billing has made the organization read-only (past due, ended): billing's own
   * procedures, so the organization can pay. Everything else that changes data is refused.
   */
  allowWhenReadOnly?: boolean;
  /** Set by orgProcedure, so tests can find every organization-scoped procedure. */
  scope?: "org";
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    // Every error an HTTP client sees passes here: its own message when expected, the outage's
    // 503, or "Something went wrong (ref …)" with the details in the server log (./errors.ts).
    errorFormatter({ shape, error, path }) {
      const exposed = toPublicTRPCError(error, `tRPC ${path ?? "?"}`);
      const cause = exposed.cause;
      return {
        ...shape,
        message: exposed.message,
        code: TRPC_ERROR_CODES_BY_KEY[exposed.code],
        data: {
          ...shape.data,
          code: exposed.code,
          httpStatus: getHTTPStatusCodeFromError(exposed),
          stack: undefined,
          fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined,
          field: cause instanceof AppError ? cause.field : undefined,
          ...(exposed.ref ? { ref: exposed.ref } : {}),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every error leaves a procedure as a TRPCError with the right code (see ./errors.ts). */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped.code !== "INTERNAL_SERVER_ERROR") throw mapped;
  }
  return result;
});

/**
 * Text PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate) is refused here, once
 * for every procedure and before any schema sees it: a BAD_REQUEST carrying a ZodError whose
 * issue names the field, so forms show it beside that field exactly like a schema's own errors.
 */
const storableText = z.unknown().superRefine((value, ctx) => {
  const unsafe = findUnsafeText(value);
  if (unsafe) ctx.addIssue({ code: "custom", path: unsafe.path, message: unsafe.message });
});

const safeTextInput = t.middleware(async ({ getRawInput, next }) => {
  const checked = storableText.safeParse(await getRawInput());
  if (!checked.success) throw new TRPCError({ code: "BAD_REQUEST", cause: checked.error });
  return next();
});

export const publicProcedure = t.procedure.use(errorMapping).use(safeTextInput);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Thrown inside a transaction to roll it back while handing the tRPC result outward. */
class RollbackWith {
  constructor(readonly result: unknown) {}
}

function unwrapRollback(error: unknown): never {
  if (error instanceof RollbackWith) return error.result as never;
  throw error;
}

/** For the signed-in user's own records (sessions, security log), outside any organization. */
export const userProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const later = afterCommitQueue();
  const result = await withUser(ctx.session.user.id, async (tx) => {
    const scope: UserScope = { tx, userId: ctx.session.user.id, sessionId: ctx.session.sessionId, meta: ctx.meta, afterCommit: later.add };
    const result = await next({ ctx: { ...ctx, scope } });
    if (!result.ok) throw new RollbackWith(result);
    return result;
  }).catch(unwrapRollback);
  if (result.ok) await later.run();
  return result;
});

/** Who is calling an organization's procedure: a signed-in user, or an API key of that organization. */
async function resolveCaller(ctx: Context): Promise<{ userId: string; membership: ResolvedMembership | null }> {
  if (ctx.apiKey) {
    const own = ctx.apiKey.membership;
    // A key belongs to one organization: naming another is like naming one that does not exist.
    return { userId: ctx.apiKey.userId, membership: !ctx.orgSlug || ctx.orgSlug === own.organization.slug ? own : null };
  }
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  // The slug comes from a URL or a header: text PostgreSQL cannot even compare is no organization's.
  const slug = ctx.orgSlug && unsafeTextProblem(ctx.orgSlug) === null ? ctx.orgSlug : null;
  return { userId: ctx.session.user.id, membership: slug ? await findMembership(ctx.session.user.id, slug) : null };
}

/**
 * Whether the caller may run this organization procedure (NOT_FOUND, FORBIDDEN if not), and as
 * whom. Route handlers outside tRPC use it too (./org-route.ts), so both answer alike.
 */
export async function authorizeOrgCall(ctx: Context, meta: Meta | undefined, type: string) {
  const { userId, membership } = await resolveCaller(ctx);
  if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found" });
  if (membership.twoFactor.required && !membership.twoFactor.enabled) {
    const gate = new TwoFactorRequired(membership.organization, !!ctx.apiKey);
    throw new TRPCError({ code: "FORBIDDEN", message: gate.message, cause: gate });
  }
  const required = [...(meta?.permission ? [meta.permission] : []), ...(meta?.alsoRequires ?? [])];
  const missing = required.find((p) => !hasPermission(membership.permissions, p));
  if (missing) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Your role (${membership.role.name}) cannot ${missing.action} ${missing.resource.replace("_", " ")}`,
    });
  }
  // Past due or ended: the organization is read-only, except billing itself (so it can pay).
  const readOnly = type === "mutation" && !meta?.allowWhenReadOnly ? readOnlyReason(membership.billing, billingEnabled()) : null;
  if (readOnly) throw new TRPCError({ code: "FORBIDDEN", message: readOnlyMessage(readOnly, membership.organization.slug) });
  const actor = { orgId: membership.organization.id, userId, meta: ctx.apiKey ? { ...ctx.meta, apiKeyId: ctx.apiKey.keyId } : ctx.meta };
  return { membership, actor };
}

const MISSING_AUDIT = "Mutation finished without writing an audit log entry";

/** The per-call check of meta.resourcePermission: `require` once the resource is known; `missing` if it never ran. */
function resourceCheck(meta: Meta | undefined, membership: ResolvedMembership) {
  let ran = false;
  return {
    require(resource: Resource) {
      const rule = meta?.resourcePermission;
      if (!rule?.oneOf.includes(resource)) throw new Error(`This procedure's meta does not allow a permission check on ${resource}`);
      if (!hasPermission(membership.permissions, { resource, action: rule.action })) {
        throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${membership.role.name}) cannot ${rule.action} ${resource.replace("_", " ")}` });
      }
      ran = true;
    },
    missing: () => !!meta?.resourcePermission && !ran,
  };
}
const MISSING_RESOURCE_CHECK = "Procedure finished without checking the permission on its resource (meta.resourcePermission)";

/**
 * Whether this transaction has written anything: PostgreSQL gives a transaction an id only at
 * its first write (or row lock). A mutation that found nothing to change (a task set to the
 * status it has, a deal moved to the stage it is in) writes nothing and so owes no audit row;
 * one that wrote and did not audit is a bug, refused with a rollback.
 */
async function wroteAnything(tx: Tx): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ wrote: boolean }[]>`SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote`;
  return row?.wrote ?? true;
}

export const orgProcedure = publicProcedure.meta({ scope: "org" }).use(async ({ ctx, meta, next, type }) => {
  const { membership, actor } = await authorizeOrgCall(ctx, meta, type);
  const later = afterCommitQueue();
  const onResource = resourceCheck(meta, membership);
  const result = await withOrg(actor, async (tx) => {
    let audited = 0;
    const scope = createOrgScope(tx, actor, () => audited++, later.add);
    const result = await next({ ctx: { ...ctx, membership, scope, requireOnResource: onResource.require } });
    if (!result.ok) throw new RollbackWith(result);
    if (onResource.missing()) throw new Error(MISSING_RESOURCE_CHECK);
    // Every mutation that changed data leaves an audit row in its own transaction; one that forgot is a bug.
    if (type === "mutation" && audited === 0 && (await wroteAnything(tx))) throw new Error(MISSING_AUDIT);
    return result;
  }).catch(unwrapRollback);
  if (result.ok) await later.run();
  return result;
});

/**
 * An organization procedure that waits on the network between its database steps (reading a
 * company's website, calling Stripe): no transaction, and no pooled connection, is held while it waits. Each
 * `ctx.inOrg(step)` is one scoped transaction whose after-commit work runs when it commits, so
 * a step must leave the data whole on its own; the last one writes the audit row.
 */
export const orgPhasedProcedure = publicProcedure.meta({ scope: "org" }).use(async ({ ctx, meta, next, type }) => {
  const { membership, actor } = await authorizeOrgCall(ctx, meta, type);
  if (meta?.resourcePermission) throw new Error("orgPhasedProcedure does not check meta.resourcePermission");
  let audited = 0;
  let wrote = false;
  const inOrg: InOrg = async (step) => {
    const later = afterCommitQueue();
    const value = await withOrg(actor, async (tx) => {
      const value = await step(createOrgScope(tx, actor, () => audited++, later.add));
      if (audited === 0 && !wrote) wrote = await wroteAnything(tx);
      return value;
    });
    await later.run();
    return value;
  };
  const result = await next({ ctx: { ...ctx, membership, inOrg } });
  if (result.ok && type === "mutation" && audited === 0 && wrote) throw new Error(MISSING_AUDIT);
  return result;
});
