// A contract's PDF. Reading happens in the organization's scope (RLS on); rendering happens
// after that transaction (the logo fetch may take seconds). Amounts are the stored strings;
// the certificate's hash is the one fixed when the contract was sent for signature.
import type { OrgScope } from "@/server/api/scope";
import { type ContractDocument, type ContractSignature, contractPdfFilename, renderContractPdf } from "@/server/pdf/contract-pdf";
import { CONTRACT_TYPES, CONTRACT_TYPE_LABELS } from "./contracts.schema";
import { type ShapedContract, contractKey, contractParties, getContract } from "./contracts.service";

const typeLabel = (type: string) => ((CONTRACT_TYPES as readonly string[]).includes(type) ? CONTRACT_TYPE_LABELS[type as (typeof CONTRACT_TYPES)[number]] : type);
const bytes = (value: Uint8Array | null) => (value ? Buffer.from(value) : null);

/** Everything the contract's PDF prints, for a contract already loaded in this scope. */
export async function contractDocument(scope: OrgScope, c: ShapedContract): Promise<ContractDocument> {
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: { logoUrl: true } });
  const parties = await contractParties(scope, c);
  const images = await scope.tx.contract.findUnique({ where: contractKey(scope, c.id), select: { clientSignatureImage: true, internalSignatureImage: true } });
  const signatures: ContractSignature[] = [];
  if (c.clientSignedAt && c.clientSignedBy) {
    signatures.push({
      party: "client", name: c.clientSignedBy, email: c.clientSignatureEmail, signedAt: c.clientSignedAt, ip: c.clientSignatureIp,
      userAgent: c.clientSignatureUserAgent, method: c.clientSignatureMethod ?? "typed", image: bytes(images?.clientSignatureImage ?? null),
    });
  }
  if (c.internalSignedAt && c.internalSignerName) {
    signatures.push({
      party: "internal", name: c.internalSignerName, email: c.internalSigner?.email ?? null, signedAt: c.internalSignedAt, ip: c.internalSignatureIp,
      userAgent: c.internalSignatureUserAgent, method: c.internalSignatureMethod ?? "typed", image: bytes(images?.internalSignatureImage ?? null),
    });
  }
  return {
    organization: { name: parties.supplier, logoUrl: org?.logoUrl ?? null },
    contractNumber: c.contractNumber, title: c.title, type: typeLabel(c.type), status: c.status,
    clientName: parties.client,
    proposalNumber: c.proposal ? `${c.proposal.proposalNumber}${c.proposal.version > 1 ? ` v${c.proposal.version}` : ""}` : null,
    startDate: c.startDate, endDate: c.endDate, autoRenew: c.autoRenew, renewalTerms: c.renewalTerms, currency: c.currency,
    totalValue: c.totalValue, paymentTerms: c.paymentTerms,
    paymentSchedule: c.paymentSchedule.map((i) => ({ dueDate: i.dueDate, amount: i.amount, description: i.description })),
    body: c.body, documentHash: c.documentHash, signatures,
    renewal: c.renewedFrom ? { renewedContractNumber: c.renewedFrom.contractNumber, renewedDocumentHash: c.renewedFrom.documentHash, activatedAt: c.activatedAt } : null,
    generatedAt: new Date(),
  };
}

/** NOT_FOUND for an id that is not this organization's. */
export async function getContractPdfData(scope: OrgScope, id: string): Promise<ContractDocument> {
  return contractDocument(scope, await getContract(scope, id));
}

/** Renders the loaded contract (call it after the transaction that loaded it). */
export async function renderContractPdfFile(doc: ContractDocument) {
  return { filename: contractPdfFilename(doc), body: await renderContractPdf(doc) };
}
