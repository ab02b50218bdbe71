// Public proposal and contract links: which organization and record a link's token belongs to.
import "server-only";
import { systemDb } from "../client";

export interface ProposalLinkTarget {
  linkId: string;
  organizationId: string;
  proposalId: string;
  revoked: boolean;
  /** Who the client's answers are recorded as: the deal's owner, else the proposal's author. */
  actorId: string | null;
}

/**
 * The public proposal page's only cross-organization step: which organization and proposal a
 * link's token hash belongs to. Everything else happens inside that organization (withOrg).
 */
export async function findProposalLinkByTokenHash(tokenHash: string): Promise<ProposalLinkTarget | null> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) return null;
  const link = await systemDb().proposalLink.findFirst({
    where: { tokenHash, organization: { isActive: true } },
    select: {
      id: true, organizationId: true, proposalId: true, revokedAt: true,
      proposal: { select: { createdBy: true, opportunity: { select: { ownerId: true } } } },
    },
  });
  if (!link) return null;
  return {
    linkId: link.id, organizationId: link.organizationId, proposalId: link.proposalId, revoked: link.revokedAt !== null,
    actorId: link.proposal.opportunity.ownerId ?? link.proposal.createdBy,
  };
}

export interface ContractLinkTarget {
  linkId: string;
  organizationId: string;
  contractId: string;
  revoked: boolean;
  /** Who the client's signature is recorded as acting through: the contract's owner, else its author. */
  actorId: string | null;
}

/**
 * The public signing page's only cross-organization step: which organization and contract a
 * link's token hash belongs to. Everything else happens inside that organization (withOrg).
 */
export async function findContractLinkByTokenHash(tokenHash: string): Promise<ContractLinkTarget | null> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) return null;
  const link = await systemDb().contractLink.findFirst({
    where: { tokenHash, organization: { isActive: true } },
    select: { id: true, organizationId: true, contractId: true, revokedAt: true, contract: { select: { ownerId: true, createdBy: true } } },
  });
  if (!link) return null;
  return {
    linkId: link.id, organizationId: link.organizationId, contractId: link.contractId, revoked: link.revokedAt !== null,
    actorId: link.contract.ownerId ?? link.contract.createdBy,
  };
}
