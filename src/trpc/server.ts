// Server components call procedures directly (no HTTP), with the same context and checks.
import "server-only";
import { TRPCError } from "@trpc/server";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createContext } from "@/server/api/context";
import { safeRedirectTarget } from "@/lib/safe-redirect";
import { createCaller } from "@/server/api/root";
import { sessionFromCookies } from "@/server/auth/session";
import { twoFactorRequiredIn, twoFactorSetupUrl } from "@/server/auth/two-factor-gate";
import { isDatabaseUnreachable } from "@/server/db/unreachable";

/** The signed-in session or null; throws DatabaseUnavailableError (the outage page) when it cannot be checked. */
export const getSession = cache(async () => sessionFromCookies(await cookies()));

/**
 * The session for pages that only adapt to it (the marketing header, sign-in and sign-up
 * sending a signed-in visitor on): during an outage they render as for a visitor, so the
 * sign-in form stays reachable and, when used, says the database is unreachable.
 */
export async function peekSession() {
  try {
    return await getSession();
  } catch (error) {
    if (isDatabaseUnreachable(error)) return null;
    throw error;
  }
}

/** The signed-in session, or a redirect to the sign-in page that comes back here. */
export async function requireSession(returnTo: string) {
  const session = await getSession();
  // The sign-in page follows callbackUrl only within the site too; this keeps the link itself clean.
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(safeRedirectTarget(returnTo, "http://parley.invalid"))}`);
  return session;
}

export async function serverApi(orgSlug?: string) {
  const context = await createContext({ headers: await headers(), cookies: await cookies(), orgSlug: orgSlug ?? null });
  return createCaller(context);
}

/**
 * Runs a server-side call, turning "not found" into the 404 page, "signed out" into sign-in, and
 * an organization's two-factor requirement into its setup page. An outage (SERVICE_UNAVAILABLE,
 * carrying its digest) goes on to the error page, which shows it as one.
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    // An organization that requires two-factor authentication sends members without it to set it up.
    const gate = twoFactorRequiredIn(error);
    if (gate) redirect(twoFactorSetupUrl(gate.organization.slug));
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/login");
    throw error;
  }
}
