"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";
import type { ProposalStatus } from "../proposals.schema";

type Panel = "approval" | "send" | "resend" | "reject" | null;

/**
 * The status moves a proposal's page offers. Sending emails the client a public link (the
 * deal's contact by default); while it waits for their answer the rep can send a new link
 * (the old one stops working) or revoke the link.
 */
export function ProposalActions({ id, status, needsApproval, approvers, defaultEmail }: {
  id: string;
  status: ProposalStatus;
  needsApproval: boolean;
  approvers: { id: string; fullName: string; roleName: string }[];
  defaultEmail: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const ids = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [error, setError] = useState<string>();
  const [approverId, setApproverId] = useState(approvers[0]?.id ?? "");
  const [note, setNote] = useState("");
  const [email, setEmail] = useState(defaultEmail);
  const [reason, setReason] = useState("");
  const submit = api.proposals.submitForApproval.useMutation();
  const send = api.proposals.send.useMutation();
  const resend = api.proposals.resend.useMutation();
  const revoke = api.proposals.revokeLink.useMutation();
  const accept = api.proposals.markAccepted.useMutation();
  const reject = api.proposals.markRejected.useMutation();
  const busy = submit.isPending || send.isPending || resend.isPending || revoke.isPending || accept.isPending || reject.isPending;

  async function run(fn: () => Promise<unknown>) {
    setError(undefined);
    try {
      await fn();
      setPanel(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work; try again.");
    }
  }

  const canSubmit = status === "draft";
  const canSend = (status === "draft" && !needsApproval) || status === "approved";
  const canAnswer = status === "sent" || status === "viewed";
  if (!canSubmit && !canSend && !canAnswer) return null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canSubmit ? <button type="button" className={needsApproval ? "btn-primary" : "btn-secondary"} disabled={!hydrated} onClick={() => setPanel("approval")}>Submit for approval</button> : null}
        {canSend ? <button type="button" className="btn-primary" disabled={!hydrated} onClick={() => setPanel("send")}>Send to client</button> : null}
        {canAnswer ? (
          <>
            <button type="button" className="btn-primary" disabled={!hydrated || busy} onClick={() => run(() => accept.mutateAsync({ id }))}>Mark accepted</button>
            <button type="button" className="btn-secondary" disabled={!hydrated} onClick={() => setPanel("reject")}>Mark rejected</button>
            <button type="button" className="btn-secondary" disabled={!hydrated} onClick={() => setPanel("resend")}>Send a new link</button>
            <button type="button" className="btn-secondary" disabled={!hydrated || busy} onClick={() => run(() => revoke.mutateAsync({ id }))}>Revoke link</button>
          </>
        ) : null}
      </div>
      {error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {panel === "approval" ? (
        <form className="card space-y-3 p-4" aria-label="Submit for approval" onSubmit={(e) => { e.preventDefault(); void run(() => submit.mutateAsync({ id, approverId: approverId || null, note })); }}>
          {approvers.length === 0 ? <p className="text-sm text-slate-600">No one else can approve proposals yet: ask an admin to give a Manager or Admin the proposals admin permission.</p> : (
            <div>
              <label htmlFor={`${ids}-approver`} className="mb-1 block text-sm font-medium text-slate-700">Approver</label>
              <select id={`${ids}-approver`} className="input" value={approverId} onChange={(e) => setApproverId(e.target.value)}>
                {approvers.map((a) => <option key={a.id} value={a.id}>{a.fullName} ({a.roleName})</option>)}
              </select>
            </div>
          )}
          <div>
            <label htmlFor={`${ids}-note`} className="mb-1 block text-sm font-medium text-slate-700">Note for the approver (optional)</label>
            <textarea id={`${ids}-note`} rows={2} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy || approvers.length === 0}>{submit.isPending ? "Submitting…" : "Send request"}</button>
            <button type="button" className="btn-secondary" onClick={() => setPanel(null)}>Cancel</button>
          </div>
        </form>
      ) : null}
      {panel === "send" || panel === "resend" ? (
        <form className="card space-y-3 p-4" aria-label={panel === "send" ? "Send to client" : "Send a new link"}
          onSubmit={(e) => { e.preventDefault(); void run(() => (panel === "send" ? send : resend).mutateAsync({ id, sentToEmail: email })); }}>
          <div>
            <label htmlFor={`${ids}-email`} className="mb-1 block text-sm font-medium text-slate-700">Client&apos;s email</label>
            <input id={`${ids}-email`} type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} required />
            <p className="mt-1 text-xs text-slate-500">
              {panel === "send" ? "They get an email with a link to read the proposal and accept or decline it." : "They get a new link; the one sent before stops working."}
            </p>
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy}>{send.isPending || resend.isPending ? "Sending…" : "Send"}</button>
            <button type="button" className="btn-secondary" onClick={() => setPanel(null)}>Cancel</button>
          </div>
        </form>
      ) : null}
      {panel === "reject" ? (
        <form className="card space-y-3 p-4" aria-label="Mark rejected" onSubmit={(e) => { e.preventDefault(); void run(() => reject.mutateAsync({ id, reason })); }}>
          <div>
            <label htmlFor={`${ids}-reason`} className="mb-1 block text-sm font-medium text-slate-700">Why did they reject it? (optional)</label>
            <textarea id={`${ids}-reason`} rows={2} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy}>Mark rejected</button>
            <button type="button" className="btn-secondary" onClick={() => setPanel(null)}>Cancel</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
