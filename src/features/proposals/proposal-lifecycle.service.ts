// A proposal's status moves (draft → pending_approval → approved → sent → viewed →
// accepted/rejected; "expired" is computed when read) and the discount approvals. Every move
// locks the version's row, is checked against TRANSITIONS (an invalid one is CONFLICT, said
// plainly), is audited and lands on the deal's timeline.
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { dealRecipient } from "@/features/opportunities/opportunities.service";
import { formatMoney } from "@/lib/money";
import { newToken, sha256Hex } from "@/lib/tokens";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { appUrl } from "@/server/email/config";
import { renderEmail } from "@/server/email/layout";
import { sendEmail } from "@/server/email/mailer";
import { recordTimelineEvent } from "@/features/timeline/timeline.service";
import { publicProposalPath } from "./proposal-link";
import {
  PROPOSAL_STATUS_LABELS, type StoredProposalStatus, TRANSITIONS, canTransition,
  type listApprovalsSchema, type sendProposalSchema, type submitForApprovalSchema,
} from "./proposals.schema";
import { type ShapedProposal, approvalThreshold, assertCurrent, getProposal, lockProposal, needsApproval, proposalKey } from "./proposals.service";
import { formatIsoDay } from "@/lib/dates";

const APPROVE_PERMISSION = "proposals:admin";

const VERBS: Record<StoredProposalStatus, string> = {
  draft: "returned to draft", pending_approval: "submitted for approval", approved: "approved", sent: "marked as sent",
  viewed: "marked as viewed", accepted: "accepted", rejected: "rejected",
};

/** Refuses a move the lifecycle does not allow, saying what the proposal is and what it can do. */
function assertTransition(p: ShapedProposal, to: StoredProposalStatus) {
  if (canTransition(p.status, to)) return;
  const next = TRANSITIONS[p.status].map((s) => VERBS[s]);
  const hint = p.status === "expired" ? "; edit it to make a new version with a new valid-until date"
    : next.length ? `; it can only be ${next.join(" or ")}` : "";
  throw new AppError("CONFLICT", `${p.proposalNumber} is ${PROPOSAL_STATUS_LABELS[p.status].toLowerCase()}: it cannot be ${VERBS[to]}${hint}`);
}

async function moveTo(scope: OrgScope, p: ShapedProposal, to: StoredProposalStatus, data: Prisma.ProposalUpdateInput, extra: { title: string; details?: Record<string, unknown> }) {
  await scope.tx.proposal.update({ where: proposalKey(scope, p.id), data: { ...data, status: to } });
  await scope.audit({
    action: `proposal.${to}`, resourceType: "proposal", resourceId: p.id,
    oldValues: { status: p.status }, newValues: { status: to, ...(extra.details ?? {}) },
  });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: p.opportunityId, eventType: "proposal_status", title: extra.title,
    metadata: { proposalId: p.id, proposalNumber: p.proposalNumber, version: p.version, from: p.status, to },
  });
}

const label = (p: ShapedProposal) => `${p.proposalNumber}${p.version > 1 ? ` v${p.version}` : ""}`;

async function lockCurrent(scope: OrgScope, id: string) {
  const p = await lockProposal(scope, id);
  await assertCurrent(scope, p);
  return p;
}

function assertHasLines(p: ShapedProposal) {
  if (Number(p.totalAmount) <= 0 && Number(p.subtotal) <= 0) throw new AppError("CONFLICT", `${p.proposalNumber} has no priced lines yet; add at least one line first`);
}

// ------------------------------------------------------------------ sending and answers


/** Revokes the version's open links; returns how many. */
async function revokeOpenLinks(scope: OrgScope, proposalId: string, now: Date) {
  const { count } = await scope.tx.proposalLink.updateMany({ where: { proposalId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** Issues a new public link to the version and emails it to the client once the transaction commits. */
async function issueLink(scope: OrgScope, p: ShapedProposal, to: string) {
  const token = newToken(32);
  const link = await scope.tx.proposalLink.create({
    data: { organizationId: scope.orgId, proposalId: p.id, tokenHash: sha256Hex(token), sentToEmail: to }, select: { id: true },
  });
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { name: true } });
  const sender = await scope.tx.user.findUnique({ where: { id: scope.userId }, select: { fullName: true } });
  const from = org?.name ?? "Your supplier";
  scope.afterCommit(() => sendEmail(to, renderEmail({
    subject: `${from} sent you a proposal: ${p.title}`,
    heading: `A proposal from ${from}`,
    paragraphs: [
      `${sender?.fullName ?? from} sent you proposal ${p.proposalNumber} “${p.title}” for ${formatMoney(p.totalAmount, p.currency)}.`,
      `You can read it, and accept or decline it, online${p.validUntil ? `; it is valid until ${formatIsoDay(p.validUntil)}` : ""}.`,
    ],
    action: { label: "View the proposal", url: appUrl(publicProposalPath(token)) },
    footer: "This link is personal to you: anyone who has it can read the proposal and answer it.",
  })));
  return link.id;
}

/**
 * Sends a proposal: emails the client (the address given, else the deal's contact) a public
 * link to it, and marks it sent. A discount above the organization's threshold needs an
 * approval first.
 */
export async function sendProposal(scope: OrgScope, input: z.output<typeof sendProposalSchema>) {
  const p = await lockCurrent(scope, input.id);
  assertTransition(p, "sent");
  assertHasLines(p);
  const threshold = await approvalThreshold(scope);
  if (p.status !== "approved" && needsApproval(p.discountPercentage, threshold)) {
    throw new AppError("CONFLICT", `${p.proposalNumber}'s discount (${p.discountPercentage}%) is above your ${threshold}% threshold: submit it for approval before sending`);
  }
  const to = await dealRecipient(scope, p.opportunityId, input.sentToEmail, "client");
  const now = new Date();
  await revokeOpenLinks(scope, p.id, now);
  const linkId = await issueLink(scope, p, to);
  await moveTo(scope, p, "sent", { sentAt: now, sentToEmail: to }, {
    title: `Proposal ${label(p)} sent to ${to} (${formatMoney(p.totalAmount, p.currency)})`, details: { sentToEmail: to, linkId },
  });
  return getProposal(scope, p.id);
}

function assertAwaitingAnswer(p: ShapedProposal, what: string) {
  if (p.status === "sent" || p.status === "viewed") return;
  throw new AppError("CONFLICT", `${p.proposalNumber} is ${PROPOSAL_STATUS_LABELS[p.status].toLowerCase()}: ${what} only while it waits for the client's answer (sent or viewed)`);
}

/** Sends a sent proposal again: the old link stops working, the client gets a new one. */
export async function resendProposal(scope: OrgScope, input: z.output<typeof sendProposalSchema>) {
  const p = await lockCurrent(scope, input.id);
  assertAwaitingAnswer(p, "it can be re-sent");
  const to = await dealRecipient(scope, p.opportunityId, input.sentToEmail ?? p.sentToEmail, "client");
  const now = new Date();
  const revoked = await revokeOpenLinks(scope, p.id, now);
  const linkId = await issueLink(scope, p, to);
  await scope.tx.proposal.update({ where: proposalKey(scope, p.id), data: { sentAt: now, sentToEmail: to } });
  await scope.audit({ action: "proposal.resend", resourceType: "proposal", resourceId: p.id, oldValues: { sentToEmail: p.sentToEmail }, newValues: { sentToEmail: to, linkId, revokedLinks: revoked } });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: p.opportunityId, eventType: "proposal_sent",
    title: `Proposal ${label(p)} sent again to ${to} with a new link`, metadata: { proposalId: p.id, proposalNumber: p.proposalNumber, linkId },
  });
  return getProposal(scope, p.id);
}

/** Stops the version's public links from working (the client sees "withdrawn"). */
export async function revokeProposalLinks(scope: OrgScope, id: string) {
  const p = await lockProposal(scope, id);
  const revoked = await revokeOpenLinks(scope, p.id, new Date());
  if (!revoked) throw new AppError("CONFLICT", `${p.proposalNumber} has no working link to revoke`);
  await scope.audit({ action: "proposal.revoke_link", resourceType: "proposal", resourceId: p.id, newValues: { revokedLinks: revoked } });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: p.opportunityId, eventType: "proposal_link_revoked",
    title: `Proposal ${label(p)}: the client's link was revoked`, metadata: { proposalId: p.id, proposalNumber: p.proposalNumber },
  });
  return getProposal(scope, p.id);
}

/** The version's links, newest first, for the rep (never the token: only its hash is kept). */
export async function listProposalLinks(scope: OrgScope, id: string) {
  const p = await scope.tx.proposal.findUnique({ where: proposalKey(scope, id), select: { id: true } });
  if (!p) throw notFound("Proposal");
  return scope.tx.proposalLink.findMany({ where: { proposalId: id }, orderBy: { createdAt: "desc" }, select: { id: true, sentToEmail: true, createdAt: true, revokedAt: true } });
}

/**
 * The customer opened the proposal: the first view moves sent → viewed, every view counts.
 * The public proposal page (proposal-public.service.ts) calls this on each visit while the client can answer.
 */
export async function recordProposalView(scope: OrgScope, id: string) {
  const p = await lockCurrent(scope, id);
  if (p.status === "viewed") {
    await scope.tx.proposal.update({ where: proposalKey(scope, id), data: { viewCount: { increment: 1 } } });
    await scope.audit({ action: "proposal.view", resourceType: "proposal", resourceId: id });
    return getProposal(scope, id);
  }
  assertTransition(p, "viewed");
  const now = new Date();
  await moveTo(scope, p, "viewed", { viewedAt: now, viewCount: { increment: 1 } }, { title: `Proposal ${label(p)} viewed by the customer` });
  return getProposal(scope, id);
}

/** The client answering through the public link: who they said they are, and from where. */
export interface ClientAnswer { fullName?: string; ip: string | null; userAgent: string | null }

const answerData = (client: ClientAnswer | undefined) => (client ? { decidedIp: client.ip, decidedUserAgent: client.userAgent } : {});

export async function acceptProposal(scope: OrgScope, id: string, client?: ClientAnswer) {
  const p = await lockCurrent(scope, id);
  assertTransition(p, "accepted");
  const by = client?.fullName ? ` by ${client.fullName}` : "";
  await moveTo(scope, p, "accepted", { acceptedAt: new Date(), acceptedByName: client?.fullName ?? null, ...answerData(client) }, {
    title: `Proposal ${label(p)} accepted${by} (${formatMoney(p.totalAmount, p.currency)})`,
    details: client ? { acceptedByName: client.fullName ?? null, ip: client.ip, via: "public_link" } : undefined,
  });
  return getProposal(scope, id);
}

export async function rejectProposal(scope: OrgScope, id: string, reason: string | null | undefined, client?: ClientAnswer) {
  const p = await lockCurrent(scope, id);
  assertTransition(p, "rejected");
  await moveTo(scope, p, "rejected", { rejectedAt: new Date(), rejectionReason: reason ?? null, ...answerData(client) }, {
    title: `Proposal ${label(p)} rejected by the customer${reason ? `: ${reason}` : ""}`,
    details: { reason: reason ?? null, ...(client ? { ip: client.ip, via: "public_link" } : {}) },
  });
  return getProposal(scope, id);
}

// ------------------------------------------------------------------ approvals

/** Active members whose role may approve (proposals:admin), Managers first, then Admins, then Owners. */
export async function listApprovers(scope: OrgScope) {
  const members = await scope.tx.membership.findMany({
    where: { status: "active", role: { permissions: { some: { permission: { name: APPROVE_PERMISSION } } } } },
    select: { joinedAt: true, user: { select: { id: true, fullName: true, email: true } }, role: { select: { name: true } } },
  });
  const rank = (role: string) => ({ Manager: 0, Admin: 1, Owner: 2 } as Record<string, number>)[role] ?? 3;
  return members
    .sort((a, b) => rank(a.role.name) - rank(b.role.name) || a.joinedAt.getTime() - b.joinedAt.getTime())
    .map((m) => ({ id: m.user.id, fullName: m.user.fullName, email: m.user.email, roleName: m.role.name }));
}

export async function submitForApproval(scope: OrgScope, input: z.output<typeof submitForApprovalSchema>) {
  const p = await lockCurrent(scope, input.id);
  assertTransition(p, "pending_approval");
  assertHasLines(p);
  const approvers = (await listApprovers(scope)).filter((a) => a.id !== scope.userId);
  const approver = input.approverId ? approvers.find((a) => a.id === input.approverId) : approvers[0];
  if (input.approverId && !approver) throw new AppError("NOT_FOUND", "That person cannot approve proposals (they need the proposals admin permission)", "approverId");
  if (!approver) throw new AppError("CONFLICT", "No one else can approve proposals: give a Manager or Admin the proposals admin permission");
  const threshold = await approvalThreshold(scope);
  const details = {
    proposalNumber: p.proposalNumber, version: p.version, title: p.title, discountPercentage: p.discountPercentage, thresholdPercent: threshold,
    subtotal: p.subtotal, discountAmount: p.discountAmount, totalAmount: p.totalAmount, currency: p.currency, note: input.note ?? null,
  };
  const request = await scope.tx.approvalRequest.create({
    data: { organizationId: scope.orgId, proposalId: p.id, requesterId: scope.userId, approverId: approver.id, priority: input.priority, details },
    select: { id: true },
  });
  await scope.audit({ action: "approval_request.create", resourceType: "approval_request", resourceId: request.id, newValues: { proposalId: p.id, approverId: approver.id, priority: input.priority } });
  await moveTo(scope, p, "pending_approval", {}, {
    title: `Proposal ${label(p)} submitted for approval to ${approver.fullName} (discount ${p.discountPercentage}%)`, details: { approvalRequestId: request.id },
  });
  const orgSlug = await currentSlug(scope);
  scope.afterCommit(() => sendEmail(approver.email, renderEmail({
    subject: `Approval needed: ${p.proposalNumber} ${p.title}`,
    heading: "A proposal needs your approval",
    paragraphs: [
      `${p.proposalNumber} “${p.title}” gives a ${p.discountPercentage}% discount (your threshold is ${threshold}%), for a total of ${formatMoney(p.totalAmount, p.currency)}.`,
      ...(input.note ? [`Note: ${input.note}`] : []),
    ],
    action: { label: "Review the request", url: appUrl(`/${orgSlug}/approvals`) },
  })));
  return { id: request.id, approver: { id: approver.id, fullName: approver.fullName } };
}

async function currentSlug(scope: OrgScope) {
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { slug: true } });
  if (!org) throw notFound("Organization");
  return org.slug;
}

const APPROVAL_SELECT = {
  id: true, status: true, priority: true, type: true, details: true, comment: true, createdAt: true, resolvedAt: true,
  requester: { select: { id: true, fullName: true } }, approver: { select: { id: true, fullName: true } }, resolver: { select: { id: true, fullName: true } },
  proposal: { select: { id: true, proposalNumber: true, version: true, title: true, discountPercentage: true, totalAmount: true, currency: true, opportunity: { select: { id: true, name: true } } } },
} satisfies Prisma.ApprovalRequestSelect;

const shapeApproval = (r: Prisma.ApprovalRequestGetPayload<{ select: typeof APPROVAL_SELECT }>) => ({
  ...r,
  proposal: { ...r.proposal, discountPercentage: r.proposal.discountPercentage.toFixed(2), totalAmount: r.proposal.totalAmount.toFixed(2) },
});

export async function listApprovals(scope: OrgScope, input: z.output<typeof listApprovalsSchema>) {
  const where: Prisma.ApprovalRequestWhereInput = { status: input.status, ...(input.scope === "mine" ? { approverId: scope.userId } : {}) };
  const total = await scope.tx.approvalRequest.count({ where });
  const rows = await scope.tx.approvalRequest.findMany({
    where, select: APPROVAL_SELECT, orderBy: [{ createdAt: input.status === "pending" ? "asc" : "desc" }, { id: "asc" }],
    skip: (input.page - 1) * input.pageSize, take: input.pageSize,
  });
  return toPage(rows.map(shapeApproval), total, input.page, input.pageSize);
}

/**
 * The approver's answer. Anyone who may approve can answer (the assigned approver sees it as
 * theirs), except the person who asked. Approved: the proposal may be sent with its discount.
 * Rejected: it returns to draft with the comment. The requester hears by email and on the timeline.
 */
export async function resolveApproval(scope: OrgScope, id: string, decision: "approved" | "rejected", comment: string | null | undefined) {
  const request = await scope.tx.approvalRequest.findUnique({
    where: proposalKey(scope, id),
    select: { id: true, status: true, proposalId: true, requesterId: true, requester: { select: { email: true, fullName: true } } },
  });
  if (!request) throw notFound("Approval request");
  if (request.requesterId === scope.userId) throw new AppError("FORBIDDEN", "You cannot answer your own approval request; another approver must");
  if (decision === "rejected" && !comment) throw new AppError("BAD_REQUEST", "Say why you reject it, so the requester can fix the proposal", "comment");
  const p = await lockProposal(scope, request.proposalId);
  // Lock order: proposal, then request; re-read its status under the lock.
  const current = await scope.tx.approvalRequest.findUnique({ where: proposalKey(scope, id), select: { status: true } });
  if (current?.status !== "pending") throw new AppError("CONFLICT", `This request was already ${current?.status ?? "removed"}`);
  const now = new Date();
  await scope.tx.approvalRequest.update({ where: proposalKey(scope, id), data: { status: decision, comment: comment ?? null, resolvedBy: scope.userId, resolvedAt: now } });
  await scope.audit({ action: `approval_request.${decision === "approved" ? "approve" : "reject"}`, resourceType: "approval_request", resourceId: id, oldValues: { status: "pending" }, newValues: { status: decision, comment: comment ?? null } });
  const resolver = await scope.tx.user.findUnique({ where: { id: scope.userId }, select: { fullName: true } });
  const who = resolver?.fullName ?? "An approver";
  const to: StoredProposalStatus = decision === "approved" ? "approved" : "draft";
  // An expired proposal still records the answer; its status moves only if the lifecycle allows.
  if (canTransition(p.status, to)) {
    await moveTo(scope, p, to, {}, {
      title: decision === "approved" ? `Proposal ${label(p)} approved by ${who}${comment ? `: ${comment}` : ""}` : `Proposal ${label(p)} rejected by ${who}: ${comment}`,
      details: { approvalRequestId: id, comment: comment ?? null },
    });
  }
  const email = request.requester?.email;
  if (email) {
    const orgSlug = await currentSlug(scope);
    scope.afterCommit(() => sendEmail(email, renderEmail({
      subject: `${p.proposalNumber} ${decision === "approved" ? "approved" : "not approved"}: ${p.title}`,
      heading: decision === "approved" ? "Your proposal was approved" : "Your proposal was not approved",
      paragraphs: [
        decision === "approved"
          ? `${who} approved ${p.proposalNumber} “${p.title}” with its ${p.discountPercentage}% discount. You can send it now.`
          : `${who} did not approve ${p.proposalNumber} “${p.title}”. It is back in draft for you to change.`,
        ...(comment ? [`Comment: ${comment}`] : []),
      ],
      action: { label: "Open the proposal", url: appUrl(`/${orgSlug}/proposals/${p.id}`) },
    })));
  }
  return { id, status: decision, proposalId: p.id };
}
