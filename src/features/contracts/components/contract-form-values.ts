// The contract form's values as the inputs hold them (strings and booleans), and how a server
// page turns `contracts.defaults` or a draft into them (a plain module: server pages cannot
// call functions from a client module).

/** What the form can start from: `contracts.defaults`' values or a draft contract. */
interface FormSource {
  title?: unknown; type?: unknown; startDate?: unknown; endDate?: unknown; autoRenew?: boolean | null; renewalTerms?: unknown;
  currency?: unknown; totalValue?: unknown; paymentTerms?: unknown; clientSignatureRequired?: boolean | null; body?: unknown;
  paymentSchedule?: readonly { dueDate?: unknown; amount?: unknown; description?: unknown }[];
}

export interface ScheduleRow { key: string; dueDate: string; amount: string; description: string }
export interface ContractFormValues {
  title: string; type: string; startDate: string; endDate: string; autoRenew: boolean; renewalTerms: string;
  currency: string; totalValue: string; paymentTerms: string; clientSignatureRequired: boolean; body: string;
  paymentSchedule: ScheduleRow[];
}

const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

/** The form's values from what `contracts.defaults` or a draft contract holds (server pages call this). */
export function toFormValues(v: FormSource): ContractFormValues {
  return {
    title: str(v.title), type: str(v.type) || "services", startDate: str(v.startDate), endDate: str(v.endDate), autoRenew: v.autoRenew ?? false,
    renewalTerms: str(v.renewalTerms), currency: str(v.currency) || "USD", totalValue: str(v.totalValue), paymentTerms: str(v.paymentTerms),
    clientSignatureRequired: v.clientSignatureRequired ?? true, body: str(v.body),
    paymentSchedule: (v.paymentSchedule ?? []).map((i, n) => ({ key: `i${n}`, dueDate: str(i.dueDate), amount: str(i.amount), description: str(i.description) })),
  };
}
