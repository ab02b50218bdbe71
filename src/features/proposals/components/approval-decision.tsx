"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

/** Approve or reject one request, with a comment (required to reject). */
export function ApprovalDecision({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const approve = api.approvals.approve.useMutation();
  const reject = api.approvals.reject.useMutation();
  const busy = approve.isPending || reject.isPending;
  async function decide(fn: typeof approve.mutateAsync) {
    setError(undefined);
    try {
      await fn({ id, comment });
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work; try again.");
    }
  }
  return (
    <form aria-label={`Decide on ${label}`} className="space-y-2" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={commentId} className="block text-sm font-medium text-slate-700">Comment</label>
      <textarea id={commentId} rows={2} className="input" value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Required to reject" />
      {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : null}
      <div className="flex gap-2">
        <button type="button" className="btn-primary" disabled={!hydrated || busy} onClick={() => decide(approve.mutateAsync)}>Approve</button>
        <button type="button" className="btn-secondary" disabled={!hydrated || busy} onClick={() => decide(reject.mutateAsync)}>Reject</button>
      </div>
    </form>
  );
}
