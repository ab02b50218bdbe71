// The client's side of a contract: the signing page behind the emailed link. The visitor is in
// no organization, so the token hash is resolved by one named function in src/server/db/system/; everything
// after that runs inside the contract's organization (withOrg, RLS on), acting as the
// contract's owner, through the same signing functions the app uses (audit and timeline as usual).
import { sha256Hex } from "@/lib/tokens";
import { AppError } from "@/server/api/errors";
import { withLinkScope } from "@/server/api/link-scope";
import type { OrgScope } from "@/server/api/scope";
import { type ContractLinkTarget, findContractLinkByTokenHash } from "@/server/db/system/public-links";
import type { RequestMeta } from "@/server/request-meta";
import { recordContractView, signAsClient } from "./contract-signing.service";
import { type clientSignSchema, contractTokenSchema } from "./contracts.schema";
import { type ShapedContract, getContract } from "./contracts.service";
import type { z } from "zod";

export type PublicContractState = "open" | "signed" | "withdrawn" | "closed" | "invalid";

/** Only what the client may see: no internal ids, IPs of others or signature images. */
function publicShape(c: ShapedContract) {
  return {
    contractNumber: c.contractNumber, title: c.title, type: c.type, status: c.status, startDate: c.startDate, endDate: c.endDate,
    autoRenew: c.autoRenew, renewalTerms: c.renewalTerms, currency: c.currency, totalValue: c.totalValue, paymentTerms: c.paymentTerms,
    paymentSchedule: c.paymentSchedule, body: c.body, clientName: c.clientName ?? c.opportunity.company?.name ?? null, documentHash: c.documentHash,
    clientSignedAt: c.clientSignedAt, clientSignedBy: c.clientSignedBy, internalSignedAt: c.internalSignedAt, internalSignerName: c.internalSignerName,
    sentToEmail: c.sentToEmail,
  };
}

export interface PublicContractView {
  state: PublicContractState;
  organization: { name: string; logoUrl: string | null } | null;
  contract: ReturnType<typeof publicShape> | null;
}

const INVALID: PublicContractView = { state: "invalid", organization: null, contract: null };

async function resolve(rawToken: unknown): Promise<ContractLinkTarget | null> {
  const token = contractTokenSchema.safeParse(rawToken);
  if (!token.success) return null;
  const target = await findContractLinkByTokenHash(sha256Hex(token.data));
  return target?.actorId ? target : null;
}

/** Runs `fn` in the contract's organization as its owner, with the visitor's IP and agent on the audit rows. */
const asClient = <T,>(target: ContractLinkTarget, meta: RequestMeta, fn: (scope: OrgScope) => Promise<T>): Promise<T> =>
  withLinkScope({ orgId: target.organizationId, userId: target.actorId! }, meta, fn);

function stateOf(target: ContractLinkTarget, c: ShapedContract): PublicContractState {
  // Signed contracts stay readable (and downloadable) through the link the client signed with.
  if (c.clientSignedAt && ["pending_signature", "active", "expired", "renewed", "terminated"].includes(c.status)) return "signed";
  if (target.revoked) return "withdrawn";
  if (c.status === "pending_signature") return "open";
  return c.status === "draft" ? "withdrawn" : "closed";
}

/** What the page shows for a token; each view of an open link is counted. */
export async function openPublicContract(rawToken: unknown, meta: RequestMeta): Promise<PublicContractView> {
  const target = await resolve(rawToken);
  if (!target) return INVALID;
  return asClient(target, meta, async (scope) => {
    const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { name: true, logoUrl: true } });
    const organization = org ? { name: org.name, logoUrl: org.logoUrl } : null;
    const c = await getContract(scope, target.contractId);
    const state = stateOf(target, c);
    if (state === "open") await recordContractView(scope, c, target.linkId);
    return { state, organization, contract: state === "open" || state === "signed" ? publicShape(c) : null };
  });
}

/** Runs `render` on the contract behind a link (its PDF), while the client can sign it or once they have; else null. */
export async function withPublicContract<T>(rawToken: unknown, meta: RequestMeta, render: (scope: OrgScope, c: ShapedContract) => Promise<T>): Promise<T | null> {
  const target = await resolve(rawToken);
  if (!target) return null;
  return asClient(target, meta, async (scope) => {
    const c = await getContract(scope, target.contractId);
    const state = stateOf(target, c);
    return state === "open" || state === "signed" ? render(scope, c) : null;
  });
}

export type PublicSignResult = { ok: true; status: string } | { ok: false; message: string; field?: string };

const CLOSED: Record<Exclude<PublicContractState, "open">, string> = {
  signed: "This contract has already been signed.",
  withdrawn: "This link was withdrawn by the sender; ask them for a new one.",
  closed: "This contract can no longer be signed.",
  invalid: "This link is not valid.",
};

/** The client signs: typed or drawn, with their name, the time and where from recorded. */
export async function signPublicContract(input: z.output<typeof clientSignSchema>, meta: RequestMeta): Promise<PublicSignResult> {
  const target = await resolve(input.token);
  if (!target) return { ok: false, message: CLOSED.invalid };
  try {
    return await asClient(target, meta, async (scope): Promise<PublicSignResult> => {
      const c = await getContract(scope, target.contractId);
      const state = stateOf(target, c);
      if (state !== "open") return { ok: false, message: CLOSED[state] };
      const signed = await signAsClient(scope, c.id, { fullName: input.fullName, email: input.email ?? null, ip: meta.ip, userAgent: meta.userAgent, signature: input.signature });
      return { ok: true, status: signed.status };
    });
  } catch (error) {
    // Two signatures at once: the second finds it signed (CONFLICT under the row lock).
    if (error instanceof AppError) return { ok: false, message: error.message, field: error.field };
    throw error;
  }
}
