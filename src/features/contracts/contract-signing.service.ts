// A contract's signatures and lifecycle: draft → pending signature (terms frozen, their hash
// fixed, the client emailed a signing link) → active once the client (when required) and an
// internal signer have both signed → terminated, or expired / renewed by the renewal job.
// Every move locks the contract's row, is audited and lands on the deal's timeline.
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { dealRecipient } from "@/features/opportunities/opportunities.service";
import { recordTimelineEvent } from "@/features/timeline/timeline.service";
import { formatMoney } from "@/lib/money";
import { newToken, sha256Hex } from "@/lib/tokens";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import { appUrl } from "@/server/email/config";
import { type EmailAttachment, renderEmail } from "@/server/email/layout";
import { sendEmail } from "@/server/email/mailer";
import { publicContractPath } from "./contract-link";
import { contractDocument, renderContractPdfFile } from "./contract-pdf.service";
import {
  CONTRACT_STATUS_LABELS, type ContractStatus, type countersignSchema, type sendForSignatureSchema, type signatureSchema,
  signatureImageBytes, type terminateContractSchema,
} from "./contracts.schema";
import { type ShapedContract, contractHash, contractKey, contractParties, getContract, lockContract } from "./contracts.service";
import { formatIsoDay } from "@/lib/dates";

/** Who may countersign: the same permission that approves everything about contracts. */
export const COUNTERSIGN_PERMISSION = "contracts:admin";

function assertStatus(c: ShapedContract, allowed: readonly ContractStatus[], what: string) {
  if (allowed.includes(c.status)) return;
  throw new AppError("CONFLICT", `${c.contractNumber} is ${CONTRACT_STATUS_LABELS[c.status].toLowerCase()}: ${what}`);
}

async function record(scope: OrgScope, c: ShapedContract, action: string, title: string, values: { old?: unknown; new?: unknown; details?: Record<string, unknown> } = {}) {
  await scope.audit({ action: `contract.${action}`, resourceType: "contract", resourceId: c.id, oldValues: values.old, newValues: values.new, details: values.details });
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: c.opportunityId, eventType: `contract_${action}`, title,
    metadata: { contractId: c.id, contractNumber: c.contractNumber },
  });
}

// ------------------------------------------------------------------ sending for signature


async function revokeOpenLinks(scope: OrgScope, contractId: string) {
  const { count } = await scope.tx.contractLink.updateMany({ where: { contractId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

async function issueLink(scope: OrgScope, c: ShapedContract, to: string) {
  const token = newToken(32);
  const link = await scope.tx.contractLink.create({ data: { organizationId: scope.orgId, contractId: c.id, tokenHash: sha256Hex(token), sentToEmail: to }, select: { id: true } });
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { name: true } });
  const sender = await scope.tx.user.findUnique({ where: { id: scope.userId }, select: { fullName: true } });
  const from = org?.name ?? "Your supplier";
  scope.afterCommit(() => sendEmail(to, renderEmail({
    subject: `${from} sent you a contract to sign: ${c.title}`,
    heading: `A contract from ${from}`,
    paragraphs: [
      `${sender?.fullName ?? from} sent you contract ${c.contractNumber} “${c.title}” (${formatMoney(c.totalValue, c.currency)}) to sign.`,
      "You can read it and sign it online, by typing or drawing your signature.",
    ],
    action: { label: "Review and sign", url: appUrl(publicContractPath(token)) },
    footer: "This link is personal to you: anyone who has it can read and sign the contract.",
  })));
  return link.id;
}

/**
 * Freezes the terms (their SHA-256 goes on the certificate) and asks for signatures: the client
 * gets a signing link by email (the address given, else the deal's contact's), unless the
 * contract needs no client signature.
 */
export async function sendForSignature(scope: OrgScope, input: z.output<typeof sendForSignatureSchema>) {
  const c = await lockContract(scope, input.id);
  assertStatus(c, ["draft"], "only a draft is sent for signature");
  const parties = await contractParties(scope, c);
  const hash = await contractHash(scope, { ...c, supplierName: parties.supplier, clientName: parties.client });
  const to = c.clientSignatureRequired ? await dealRecipient(scope, c.opportunityId, input.sentToEmail, "signer") : null;
  const linkId = to ? await issueLink(scope, c, to) : null;
  await scope.tx.contract.update({
    where: contractKey(scope, c.id),
    data: { status: "pending_signature", documentHash: hash, sentForSignatureAt: new Date(), sentToEmail: to, supplierName: parties.supplier, clientName: parties.client },
  });
  await record(scope, c, "sent", to ? `Contract ${c.contractNumber} sent to ${to} for signature` : `Contract ${c.contractNumber} ready for internal signature`, {
    old: { status: c.status }, new: { status: "pending_signature", documentHash: hash, sentToEmail: to, linkId },
  });
  return getContract(scope, c.id);
}

/** A new signing link by email; the old one stops working. */
export async function resendContract(scope: OrgScope, input: z.output<typeof sendForSignatureSchema>) {
  const c = await lockContract(scope, input.id);
  assertStatus(c, ["pending_signature"], "a signing link is sent only while it waits for signatures");
  if (!c.awaiting.client) throw new AppError("CONFLICT", `${c.contractNumber} needs no client signature now`);
  const to = await dealRecipient(scope, c.opportunityId, input.sentToEmail ?? c.sentToEmail, "signer");
  const revoked = await revokeOpenLinks(scope, c.id);
  const linkId = await issueLink(scope, c, to);
  await scope.tx.contract.update({ where: contractKey(scope, c.id), data: { sentToEmail: to } });
  await record(scope, c, "resent", `Contract ${c.contractNumber} sent again to ${to} with a new link`, { old: { sentToEmail: c.sentToEmail }, new: { sentToEmail: to, linkId, revokedLinks: revoked } });
  return getContract(scope, c.id);
}

/**
 * Takes a contract back to draft to change it: the signing links stop working and any
 * signature given is void (it was given to terms that are about to change).
 */
export async function withdrawContract(scope: OrgScope, id: string) {
  const c = await lockContract(scope, id);
  assertStatus(c, ["pending_signature"], "only a contract waiting for signatures can be withdrawn");
  const revoked = await revokeOpenLinks(scope, c.id);
  await scope.tx.contract.update({
    where: contractKey(scope, c.id),
    data: {
      status: "draft", documentHash: null, sentForSignatureAt: null, supplierName: null, clientName: null,
      clientSignedAt: null, clientSignedBy: null, clientSignatureEmail: null, clientSignatureIp: null, clientSignatureUserAgent: null, clientSignatureMethod: null, clientSignatureImage: null,
      internalSignedAt: null, internalSignedBy: null, internalSignerName: null, internalSignatureIp: null, internalSignatureUserAgent: null, internalSignatureMethod: null, internalSignatureImage: null,
    },
  });
  await record(scope, c, "withdrawn", `Contract ${c.contractNumber} withdrawn from signature and back to draft`, {
    old: { status: c.status, clientSignedBy: c.clientSignedBy, internalSignerName: c.internalSignerName }, new: { status: "draft", revokedLinks: revoked },
  });
  return getContract(scope, c.id);
}

// ------------------------------------------------------------------ signatures

type Signature = z.output<typeof signatureSchema>;
const signatureImage = (s: Signature) => (s.method === "drawn" ? new Uint8Array(signatureImageBytes(s.image)) : null);

/** Signing checks the terms still hash to what was sent: a signature always covers the frozen text. */
async function assertUnchanged(scope: OrgScope, c: ShapedContract) {
  if (c.documentHash && (await contractHash(scope, c)) === c.documentHash) return;
  throw new AppError("CONFLICT", `${c.contractNumber}'s terms no longer match what was sent for signature; withdraw it and send it again`);
}

/** Active once every required signature is in: the client's (when required) and the internal one. */
async function activateIfSigned(scope: OrgScope, id: string) {
  const c = await getContract(scope, id);
  if (c.status !== "pending_signature" || c.awaiting.client || c.awaiting.internal) return c;
  await scope.tx.contract.update({ where: contractKey(scope, id), data: { status: "active", activatedAt: new Date() } });
  await record(scope, c, "activated", `Contract ${c.contractNumber} is active: signed by every party (${formatMoney(c.totalValue, c.currency)})`, { old: { status: c.status }, new: { status: "active" } });
  const active = await getContract(scope, id);
  await sendSignedCopies(scope, active);
  return active;
}

/**
 * Both parties get the signed PDF (with its certificate) once the contract is active, as
 * e-signature services do: the owner, and the client at the address they signed with. The
 * data is read now, in this transaction; the PDF is rendered after it commits.
 */
async function sendSignedCopies(scope: OrgScope, c: ShapedContract) {
  const doc = await contractDocument(scope, c);
  const org = await scope.tx.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { slug: true } });
  let file: ReturnType<typeof renderContractPdfFile> | undefined;
  const signedCopy = async (): Promise<EmailAttachment[]> => {
    file ??= renderContractPdfFile(doc);
    const { filename, body } = await file;
    return [{ filename, contentType: "application/pdf", content: body }];
  };
  const owner = c.owner?.email;
  if (owner) {
    scope.afterCommit(async () => sendEmail(owner, {
      ...renderEmail({
        subject: `Contract ${c.contractNumber} is signed and active`,
        heading: `${c.contractNumber} is active`,
        paragraphs: [`“${c.title}” has been signed by every party and is active from ${formatIsoDay(c.startDate)}. The signed copy, with its signature certificate, is attached.`],
        action: { label: "Open the contract", url: appUrl(`/${org.slug}/contracts/${c.id}`) },
      }),
      attachments: await signedCopy(),
    }));
  }
  const client = c.clientSignatureEmail ?? c.sentToEmail;
  if (client && c.clientSignedAt) {
    scope.afterCommit(async () => sendEmail(client, {
      ...renderEmail({
        subject: `Your signed copy of ${c.contractNumber}: ${c.title}`,
        heading: "Signed by both parties",
        paragraphs: [
          `${doc.organization.name} has countersigned “${c.title}” (${c.contractNumber}). It is active from ${formatIsoDay(c.startDate)}.`,
          "Your signed copy is attached. Its last page is the signature certificate: who signed, when, from where, and the fingerprint of the terms you signed.",
        ],
      }),
      attachments: await signedCopy(),
    }));
  }
}

export interface ClientSigner { fullName: string; email: string | null; ip: string | null; userAgent: string | null; signature: Signature }

/** The client signs through the public link (contract-public.service.ts). */
export async function signAsClient(scope: OrgScope, id: string, signer: ClientSigner) {
  const c = await lockContract(scope, id);
  assertStatus(c, ["pending_signature"], "it is not waiting for signatures");
  if (!c.awaiting.client) throw new AppError("CONFLICT", `${c.contractNumber} has already been signed by the client`);
  await assertUnchanged(scope, c);
  await scope.tx.contract.update({
    where: contractKey(scope, id),
    data: {
      clientSignedAt: new Date(), clientSignedBy: signer.fullName, clientSignatureEmail: signer.email ?? c.sentToEmail, clientSignatureIp: signer.ip,
      clientSignatureUserAgent: signer.userAgent?.slice(0, 1000) ?? null, clientSignatureMethod: signer.signature.method, clientSignatureImage: signatureImage(signer.signature),
    } satisfies Prisma.ContractUpdateInput,
  });
  await record(scope, c, "client_signed", `Contract ${c.contractNumber} signed by ${signer.fullName} for the client`, {
    new: { clientSignedBy: signer.fullName, method: signer.signature.method }, details: { ip: signer.ip, via: "public_link" },
  });
  const next = await activateIfSigned(scope, id);
  const owner = c.owner?.email;
  if (next.status === "pending_signature" && owner) {
    scope.afterCommit(() => sendEmail(owner, renderEmail({
      subject: `${signer.fullName} signed ${c.contractNumber}: countersign it`,
      heading: "The client has signed",
      paragraphs: [`${signer.fullName} signed contract ${c.contractNumber} “${c.title}”. It becomes active once someone in your organization countersigns it.`],
    })));
  }
  return next;
}

/** An internal signer (contracts:admin) countersigns in the app. */
export async function countersign(scope: OrgScope, input: z.output<typeof countersignSchema>) {
  const c = await lockContract(scope, input.id);
  assertStatus(c, ["pending_signature"], "it is not waiting for signatures");
  if (!c.awaiting.internal) throw new AppError("CONFLICT", `${c.contractNumber} has already been countersigned by ${c.internalSignerName}`);
  await assertUnchanged(scope, c);
  await scope.tx.contract.update({
    where: contractKey(scope, c.id),
    data: {
      internalSignedAt: new Date(), internalSignedBy: scope.userId, internalSignerName: input.fullName, internalSignatureIp: scope.meta.ip,
      internalSignatureUserAgent: scope.meta.userAgent?.slice(0, 1000) ?? null, internalSignatureMethod: input.signature.method, internalSignatureImage: signatureImage(input.signature),
    },
  });
  await record(scope, c, "countersigned", `Contract ${c.contractNumber} countersigned by ${input.fullName}`, { new: { internalSignerName: input.fullName, method: input.signature.method } });
  return activateIfSigned(scope, c.id);
}

export async function terminateContract(scope: OrgScope, input: z.output<typeof terminateContractSchema>) {
  const c = await lockContract(scope, input.id);
  assertStatus(c, ["active"], "only an active contract can be terminated");
  await scope.tx.contract.update({ where: contractKey(scope, c.id), data: { status: "terminated", terminatedAt: new Date(), terminationReason: input.reason } });
  await record(scope, c, "terminated", `Contract ${c.contractNumber} terminated: ${input.reason}`, { old: { status: c.status }, new: { status: "terminated", reason: input.reason } });
  return getContract(scope, c.id);
}

/** The contract's signing links, newest first (never the token: only its hash is kept). */
export async function listContractLinks(scope: OrgScope, id: string) {
  const c = await scope.tx.contract.findUnique({ where: contractKey(scope, id), select: { id: true } });
  if (!c) throw notFound("Contract");
  return scope.tx.contractLink.findMany({
    where: { contractId: id }, orderBy: { createdAt: "desc" },
    select: { id: true, sentToEmail: true, viewedAt: true, viewCount: true, lastViewedAt: true, createdAt: true, revokedAt: true },
  });
}

/**
 * The client opened the signing page: every view is counted, the first one is kept, and the
 * first one lands on the deal's timeline so the owner sees it was read.
 */
export async function recordContractView(scope: OrgScope, c: ShapedContract, linkId: string) {
  const now = new Date();
  const [link] = await scope.tx.$queryRaw<{ view_count: number; sent_to_email: string }[]>`
    UPDATE contract_links SET view_count = view_count + 1, last_viewed_at = ${now}, viewed_at = COALESCE(viewed_at, ${now})
    WHERE id = ${linkId}::uuid RETURNING view_count, sent_to_email`;
  if (link?.view_count !== 1) return;
  await recordTimelineEvent(scope, {
    subjectType: "opportunity", subjectId: c.opportunityId, eventType: "contract_viewed",
    title: `Contract ${c.contractNumber} opened by the client (${link.sent_to_email})`,
    metadata: { contractId: c.id, contractNumber: c.contractNumber },
  });
}
