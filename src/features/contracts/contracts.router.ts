import { orgProcedure, router } from "@/server/api/trpc";
import { getContractPdfData } from "./contract-pdf.service";
import {
  countersign, listContractLinks, resendContract, sendForSignature, terminateContract, withdrawContract,
} from "./contract-signing.service";
import {
  contractDefaultsSchema, contractIdSchema, countersignSchema, createContractSchema, listContractsSchema,
  sendForSignatureSchema, terminateContractSchema, updateContractSchema,
} from "./contracts.schema";
import {
  contractDefaults, createContract, deleteContract, getContract, listContractOwners, listContracts, listDealContracts, updateContract,
} from "./contracts.service";
import { getOpportunitySummary } from "@/features/opportunities/opportunities.service";
import { z } from "zod";

const read = { permission: { resource: "contracts", action: "read" } } as const;
const write = { permission: { resource: "contracts", action: "write" } } as const;
const remove = { permission: { resource: "contracts", action: "delete" } } as const;
/** Signing for the organization and ending a contract early. */
const admin = { permission: { resource: "contracts", action: "admin" } } as const;

export const contractsRouter = router({
  list: orgProcedure.meta(read).input(listContractsSchema).query(({ ctx, input }) => listContracts(ctx.scope, input)),
  owners: orgProcedure.meta(read).query(({ ctx }) => listContractOwners(ctx.scope)),
  get: orgProcedure.meta(read).input(contractIdSchema).query(({ ctx, input }) => getContract(ctx.scope, input.id)),
  /** What the contract's PDF prints (the PDF route renders it after this transaction). */
  pdfData: orgProcedure.meta(read).input(contractIdSchema).query(({ ctx, input }) => getContractPdfData(ctx.scope, input.id)),
  /** Who the signing link goes to by default: the deal's contact. */
  recipient: orgProcedure.meta(read).input(contractIdSchema).query(async ({ ctx, input }) => {
    const c = await getContract(ctx.scope, input.id);
    const deal = await getOpportunitySummary(ctx.scope, c.opportunityId);
    return { contactEmail: deal.contact?.email ?? null };
  }),
  forDeal: orgProcedure.meta(read).input(z.object({ opportunityId: z.uuid("Unknown deal") })).query(({ ctx, input }) => listDealContracts(ctx.scope, input.opportunityId)),
  /** The new-contract form's starting values, from an accepted proposal or a deal. */
  defaults: orgProcedure.meta(write).input(contractDefaultsSchema).query(({ ctx, input }) => contractDefaults(ctx.scope, input)),
  create: orgProcedure.meta(write).input(createContractSchema).mutation(({ ctx, input }) => createContract(ctx.scope, input)),
  /** Edits a draft; the terms freeze once sent for signature. */
  update: orgProcedure.meta(write).input(updateContractSchema).mutation(({ ctx, input }) => updateContract(ctx.scope, input.id, input.values)),
  delete: orgProcedure.meta(remove).input(contractIdSchema).mutation(({ ctx, input }) => deleteContract(ctx.scope, input.id)),
  /** Freezes the terms and emails the client a signing link. */
  sendForSignature: orgProcedure.meta(write).input(sendForSignatureSchema).mutation(({ ctx, input }) => sendForSignature(ctx.scope, input)),
  resend: orgProcedure.meta(write).input(sendForSignatureSchema).mutation(({ ctx, input }) => resendContract(ctx.scope, input)),
  /** Back to draft: links stop working, signatures given are void. */
  withdraw: orgProcedure.meta(write).input(contractIdSchema).mutation(({ ctx, input }) => withdrawContract(ctx.scope, input.id)),
  links: orgProcedure.meta(read).input(contractIdSchema).query(({ ctx, input }) => listContractLinks(ctx.scope, input.id)),
  countersign: orgProcedure.meta(admin).input(countersignSchema).mutation(({ ctx, input }) => countersign(ctx.scope, input)),
  terminate: orgProcedure.meta(admin).input(terminateContractSchema).mutation(({ ctx, input }) => terminateContract(ctx.scope, input)),
});
