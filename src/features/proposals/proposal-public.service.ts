// The client's side of a sent proposal: the public page behind the emailed link. The visitor
// is in no organization, so the link's token hash is resolved by one named function in src/server/db/system/;
// everything after that runs inside the proposal's organization (withOrg, RLS on), acting as
// the deal's owner, through the same lifecycle functions the app uses (audit and timeline as usual).
import { moveOpportunity } from "@/features/opportunities/opportunities.service";
import { sha256Hex } from "@/lib/tokens";
import { AppError } from "@/server/api/errors";
import { withLinkScope } from "@/server/api/link-scope";
import type { OrgScope } from "@/server/api/scope";
import { type ProposalLinkTarget, findProposalLinkByTokenHash } from "@/server/db/system/public-links";
import type { RequestMeta } from "@/server/request-meta";
import { type ClientAnswer, acceptProposal, recordProposalView, rejectProposal } from "./proposal-lifecycle.service";
import { type ProposalPdfData, getProposalPdfData } from "./proposal-pdf.service";
import { proposalTokenSchema } from "./proposals.schema";
import { getProposal } from "./proposals.service";

export type PublicLinkState = "open" | "decided" | "revoked" | "expired" | "replaced" | "invalid";

type Loaded = Awaited<ReturnType<typeof getProposal>>;

/** Only what the client may see: no approvals, internal ids of people, thresholds or IPs. */
function publicShape(p: Loaded) {
  return {
    proposalNumber: p.proposalNumber, version: p.version, title: p.title, status: p.status, validUntil: p.validUntil, currency: p.currency,
    executiveSummary: p.executiveSummary, scopeOfWork: p.scopeOfWork, termsAndConditions: p.termsAndConditions, customSections: p.customSections,
    subtotal: p.subtotal, discountAmount: p.discountAmount, discountPercentage: p.discountPercentage, taxAmount: p.taxAmount, totalAmount: p.totalAmount,
    acceptedAt: p.acceptedAt, acceptedByName: p.acceptedByName, rejectedAt: p.rejectedAt, rejectionReason: p.rejectionReason, sentAt: p.sentAt,
    lines: p.lines.map((l) => ({
      id: l.id, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, taxRate: l.taxRate, totalAmount: l.totalAmount,
    })),
  };
}

export interface PublicProposalView {
  state: PublicLinkState;
  organization: { name: string; logoUrl: string | null } | null;
  proposal: ReturnType<typeof publicShape> | null;
}

const INVALID: PublicProposalView = { state: "invalid", organization: null, proposal: null };

async function resolve(rawToken: unknown): Promise<ProposalLinkTarget | null> {
  const token = proposalTokenSchema.safeParse(rawToken);
  if (!token.success) return null;
  const target = await findProposalLinkByTokenHash(sha256Hex(token.data));
  return target?.actorId ? target : null;
}

/** Runs `fn` in the proposal's organization as its owner, with the visitor's IP and agent on the audit rows. */
const asClient = <T,>(target: ProposalLinkTarget, meta: RequestMeta, fn: (scope: OrgScope) => Promise<T>): Promise<T> =>
  withLinkScope({ orgId: target.organizationId, userId: target.actorId! }, meta, fn);

const DECIDED = ["accepted", "rejected"];

/** What a (not revoked) link to this version can do now. */
function linkState(p: Pick<Loaded, "isCurrent" | "status">): PublicLinkState {
  if (!p.isCurrent) return "replaced";
  if (DECIDED.includes(p.status)) return "decided";
  if (p.status === "expired") return "expired";
  return p.status === "sent" || p.status === "viewed" ? "open" : "invalid";
}

/** What the page shows for a token; counts a view when the client can still answer. */
export async function openPublicProposal(rawToken: unknown, meta: RequestMeta, options: { countView: boolean }): Promise<PublicProposalView> {
  const target = await resolve(rawToken);
  if (!target) return INVALID;
  return asClient(target, meta, async (scope) => {
    const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { name: true, logoUrl: true } });
    const organization = org ? { name: org.name, logoUrl: org.logoUrl } : null;
    if (target.revoked) return { state: "revoked", organization, proposal: null };
    let p = await getProposal(scope, target.proposalId);
    if (!p.isCurrent) return { state: "replaced", organization, proposal: null };
    if (DECIDED.includes(p.status)) return { state: "decided", organization, proposal: publicShape(p) };
    if (p.status === "expired") return { state: "expired", organization, proposal: { ...publicShape(p), lines: [] } };
    if (p.status !== "sent" && p.status !== "viewed") return { state: "invalid", organization: null, proposal: null };
    if (options.countView) p = await recordProposalView(scope, p.id);
    return { state: "open", organization, proposal: publicShape(p) };
  });
}

/**
 * The PDF of the proposal behind a link, for the client: only while the page would show the
 * proposal (open or answered), never for a revoked, replaced, expired or unknown link. Reading
 * it does not count as a view (the page does that). Null when there is nothing to give.
 */
export async function publicProposalPdfData(rawToken: unknown, meta: RequestMeta): Promise<ProposalPdfData | null> {
  const target = await resolve(rawToken);
  if (!target || target.revoked) return null;
  return asClient(target, meta, async (scope) => {
    const p = await getProposal(scope, target.proposalId);
    const state = linkState(p);
    return state === "open" || state === "decided" ? getProposalPdfData(scope, p.id) : null;
  });
}

export type PublicAnswer = { decision: "accept"; fullName: string } | { decision: "reject"; reason: string };
export type PublicAnswerResult = { ok: true; status: "accepted" | "rejected" } | { ok: false; message: string };

const CLOSED_MESSAGES: Record<Exclude<PublicLinkState, "open">, string> = {
  decided: "This proposal has already been answered.",
  revoked: "This link was withdrawn by the sender; ask them for a new one.",
  expired: "This proposal has expired; ask the sender for an updated one.",
  replaced: "This proposal has been revised; open the link in the most recent email.",
  invalid: "This link is not valid.",
};

/**
 * The client accepts (with their full name) or declines (with a reason). Accepting also wins
 * the deal: it moves to its pipeline's Won stage through the opportunities service, so stage
 * history and timeline are written as for a move on the board.
 */
export async function answerPublicProposal(rawToken: unknown, answer: PublicAnswer, meta: RequestMeta): Promise<PublicAnswerResult> {
  const target = await resolve(rawToken);
  if (!target) return { ok: false, message: CLOSED_MESSAGES.invalid };
  if (target.revoked) return { ok: false, message: CLOSED_MESSAGES.revoked };
  try {
    return await asClient(target, meta, async (scope): Promise<PublicAnswerResult> => {
      const p = await getProposal(scope, target.proposalId);
      const state = linkState(p);
      if (state !== "open") return { ok: false, message: CLOSED_MESSAGES[state] };
      const client: ClientAnswer = { ip: meta.ip, userAgent: meta.userAgent };
      if (answer.decision === "reject") {
        await rejectProposal(scope, p.id, answer.reason, client);
        return { ok: true, status: "rejected" };
      }
      await acceptProposal(scope, p.id, { ...client, fullName: answer.fullName });
      await winDeal(scope, p.opportunityId, `Proposal ${p.proposalNumber} accepted by ${answer.fullName}`);
      return { ok: true, status: "accepted" };
    });
  } catch (error) {
    // Two answers at once: the second finds the proposal decided (CONFLICT under the row lock).
    if (error instanceof AppError) return { ok: false, message: error.code === "CONFLICT" ? CLOSED_MESSAGES.decided : error.message };
    throw error;
  }
}

async function winDeal(scope: OrgScope, opportunityId: string, reason: string) {
  const deal = await scope.tx.opportunity.findUnique({ where: { organizationId_id: { organizationId: scope.orgId, id: opportunityId } }, select: { pipelineId: true } });
  if (!deal) return;
  const won = await scope.tx.pipelineStage.findFirst({ where: { pipelineId: deal.pipelineId, isWon: true }, orderBy: { position: "asc" }, select: { id: true } });
  if (won) await moveOpportunity(scope, { id: opportunityId, stageId: won.id, reason });
}

