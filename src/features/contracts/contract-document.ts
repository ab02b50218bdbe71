// What a signer signs, and its fingerprint. The hash is taken over a canonical JSON of every
// term the contract states (parties, dates, value, schedule, text), not over PDF bytes, so it
// does not change with fonts or renderer versions and anyone holding the terms can recompute it.
import { sha256Hex } from "@/lib/tokens";
import type { Instalment } from "./payment-schedule";

export interface SignedTerms {
  contractNumber: string;
  title: string;
  type: string;
  supplier: string;
  client: string | null;
  startDate: string;
  endDate: string | null;
  autoRenew: boolean;
  renewalTerms: string | null;
  currency: string;
  totalValue: string;
  paymentTerms: string | null;
  paymentSchedule: Instalment[];
  body: string | null;
}

/** Keys in a fixed order, instalments with their fields in a fixed order: same terms, same text. */
export function canonicalTerms(t: SignedTerms): string {
  return JSON.stringify([
    ["contractNumber", t.contractNumber], ["title", t.title], ["type", t.type], ["supplier", t.supplier], ["client", t.client],
    ["startDate", t.startDate], ["endDate", t.endDate], ["autoRenew", t.autoRenew], ["renewalTerms", t.renewalTerms],
    ["currency", t.currency], ["totalValue", t.totalValue], ["paymentTerms", t.paymentTerms],
    ["paymentSchedule", t.paymentSchedule.map((i) => [i.dueDate, i.amount, i.description])], ["body", t.body],
  ]);
}

export const documentHash = (t: SignedTerms) => sha256Hex(canonicalTerms(t));
