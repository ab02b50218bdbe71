// The invitee's side of an invitation: the invite page (signed out or in) reads what the link
// offers and accepts it. No organization membership exists yet, so the cross-organization work
// is a named function in src/server/db/system/; the seat hook then runs in the organization's
// own scope, as every other change to its number of members does.
import type { z } from "zod";
import { assertAcceptablePassword } from "@/features/auth/auth.service";
import { afterSeatChange } from "@/features/billing/seat-sync";
import { sha256Hex } from "@/lib/tokens";
import { AppError } from "@/server/api/errors";
import { afterCommitQueue, createOrgScope } from "@/server/api/scope";
import { hashPassword } from "@/server/auth/password";
import { type AcceptInvitationResult, type InvitationLink, acceptInvitation, findInvitationByToken } from "@/server/db/system/invitations";
import type { RequestMeta } from "@/server/request-meta";
import { withOrg } from "@/server/db/tenant";
import type { acceptAsNewUserSchema } from "./members.schema";
import { seatLimitApplies } from "./seats";

/** Tokens are 32 random bytes in base64url; anything else is not a link Parley made. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

const INVALID: InvitationLink = { state: "invalid", invitation: null, accountExists: false };

export async function previewInvitation(token: string): Promise<InvitationLink> {
  if (!TOKEN_SHAPE.test(token)) return INVALID;
  return findInvitationByToken(sha256Hex(token));
}

type Failure = Extract<AcceptInvitationResult, { ok: false }>;

/** Why an invitation cannot be accepted, in words for the person holding the link. */
export function refusal(failure: Failure): AppError {
  switch (failure.reason) {
    case "invalid":
      return new AppError("NOT_FOUND", "This invitation link is not valid. Check that you opened the whole link from the email.");
    case "accepted":
      return new AppError("CONFLICT", "This invitation has already been accepted. Sign in to open the organization.");
    case "revoked":
      return new AppError("PRECONDITION_FAILED", "This invitation was withdrawn. Ask the person who invited you to send a new one.");
    case "replaced":
      return new AppError("PRECONDITION_FAILED", "A newer invitation email replaced this link. Use the link in the most recent email.");
    case "expired":
      return new AppError("PRECONDITION_FAILED", "This invitation has expired. Ask the person who invited you to send it again.");
    case "no_seats":
      return new AppError("PRECONDITION_FAILED", `${failure.organizationName ?? "This organization"} has no free seats right now. Ask one of its administrators to free a seat or upgrade the plan, then open this link again.`);
    case "email_mismatch":
      return new AppError("FORBIDDEN", `This invitation is for ${failure.email}. Sign in with that address to accept it.`);
    case "account_exists":
      return new AppError("CONFLICT", `An account for ${failure.email} already exists. Sign in to accept the invitation.`, "password");
  }
}

/** Billing keeps the subscription's seat count in step; it runs in the organization's scope. */
async function seatsChanged(organizationId: string, userId: string, meta: RequestMeta): Promise<void> {
  const later = afterCommitQueue();
  await withOrg({ orgId: organizationId, userId }, async (tx) => {
    afterSeatChange(createOrgScope(tx, { orgId: organizationId, userId, meta }, undefined, later.add));
  });
  await later.run();
}

async function finish(result: AcceptInvitationResult, meta: RequestMeta) {
  if (!result.ok) throw refusal(result);
  if (result.seatsChanged) await seatsChanged(result.organizationId, result.userId, meta);
  return { organizationSlug: result.organizationSlug, email: result.email };
}

/** A signed-in user accepts an invitation sent to their own address. */
export async function acceptInvitationAsUser(token: string, userId: string, meta: RequestMeta) {
  if (!TOKEN_SHAPE.test(token)) throw refusal({ ok: false, reason: "invalid" });
  return finish(await acceptInvitation(sha256Hex(token), { userId }, meta, { enforceSeatLimit: seatLimitApplies() }), meta);
}

/** Someone new creates their account from the invitation and joins in the same step. */
export async function acceptInvitationAsNewUser(input: z.output<typeof acceptAsNewUserSchema>, meta: RequestMeta) {
  if (!TOKEN_SHAPE.test(input.token)) throw refusal({ ok: false, reason: "invalid" });
  // Cheap checks first: a dead link never costs a password hash.
  const preview = await findInvitationByToken(sha256Hex(input.token));
  if (preview.state !== "valid") throw refusal({ ok: false, reason: preview.state });
  assertAcceptablePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    const result = await acceptInvitation(sha256Hex(input.token), { newUser: { firstName: input.firstName, lastName: input.lastName, passwordHash } }, meta, { enforceSeatLimit: seatLimitApplies() });
    return await finish(result, meta);
  } catch (error) {
    // Another organization's invitation created this account a moment ago.
    if ((error as { code?: string }).code === "P2002") throw refusal({ ok: false, reason: "account_exists", email: preview.invitation?.email });
    throw error;
  }
}
