import { CONTRACT_STATUS_LABELS, type ContractStatus } from "../contracts.schema";

const TONES: Record<ContractStatus, string> = {
  draft: "bg-slate-100 text-slate-700", pending_signature: "bg-amber-100 text-amber-800", active: "bg-emerald-100 text-emerald-800",
  expired: "bg-slate-200 text-slate-600", terminated: "bg-red-100 text-red-800", renewed: "bg-sky-100 text-sky-800",
};

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{CONTRACT_STATUS_LABELS[status]}</span>;
}
