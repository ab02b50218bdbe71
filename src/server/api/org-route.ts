// withOrgRoute: the route handlers outside tRPC that act in an organization (PDF downloads,
// CSV exports, import uploads and reject reports, organization export downloads) resolve the
// caller exactly as tRPC does, in one place: an API key (Authorization: Bearer) or the session
// cookie, then membership (a non-member gets 404, like a missing organization), two-factor
// requirement, the route's permission and read-only billing (authorizeOrgCall), then run the
// handler with a tRPC caller for that organization. Every error is mapped once
// (./route-errors.ts). In the spirit of Dub's withWorkspace.
import type { RequiredPermission } from "@/features/roles/permissions";
import type { ResolvedMembership } from "@/server/db/system/sessions";
import { apiKeyOf, contextForRequest } from "./context";
import type { Caller } from "./csv-export";
import { createCaller } from "./root";
import { withRouteErrors } from "./route-errors";
import { type Context, authorizeOrgCall } from "./trpc";

type Params = Record<string, string>;

export interface OrgRouteContext<P extends Params> {
  params: P;
  /** Procedures for this organization, as this caller (each still checks its own permission). */
  api: Caller;
  membership: ResolvedMembership;
  ctx: Context;
}

export interface OrgRouteOptions<P extends Params> {
  /** Names the route in the server log. */
  name: string;
  /** What the caller's role must allow; a function when it depends on the request (e.g. ?resource=). */
  permission?: RequiredPermission | ((request: Request, params: P) => RequiredPermission);
}

/** The organization a request is for: the [orgSlug] segment, else ?org=, else the x-parley-org header. */
function orgSlugOf(request: Request, params: Params): string | null {
  return params.orgSlug ?? new URL(request.url).searchParams.get("org") ?? request.headers.get("x-parley-org");
}

export function withOrgRoute<P extends Params = Params>(
  options: OrgRouteOptions<P>,
  handler: (request: Request, route: OrgRouteContext<P>) => Promise<Response>,
) {
  return withRouteErrors(options.name, async (request: Request, context?: { params?: Promise<P> }) => {
    // A route without dynamic segments (POST /api/imports) gets no params from Next.
    const params = ((await context?.params) ?? {}) as P;
    const key = await apiKeyOf(request);
    if ("response" in key) return key.response;
    const ctx = await contextForRequest(request, key.apiKey, orgSlugOf(request, params));
    const permission = typeof options.permission === "function" ? options.permission(request, params) : options.permission;
    const safe = request.method === "GET" || request.method === "HEAD";
    const { membership } = await authorizeOrgCall(ctx, permission ? { permission } : undefined, safe ? "query" : "mutation");
    return handler(request, { params, api: createCaller(ctx), membership, ctx });
  });
}
