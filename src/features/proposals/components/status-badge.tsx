import { PROPOSAL_STATUS_LABELS, type ProposalStatus } from "../proposals.schema";

const TONES: Record<ProposalStatus, string> = {
  draft: "bg-slate-100 text-slate-700", pending_approval: "bg-amber-100 text-amber-800", approved: "bg-sky-100 text-sky-800",
  sent: "bg-indigo-100 text-indigo-800", viewed: "bg-violet-100 text-violet-800", accepted: "bg-emerald-100 text-emerald-800",
  rejected: "bg-red-100 text-red-800", expired: "bg-slate-200 text-slate-600",
};

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{PROPOSAL_STATUS_LABELS[status]}</span>;
}
