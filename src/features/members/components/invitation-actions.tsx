"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

/** Resend (a new link, seven more days) and revoke (the link stops working) for one invitation. */
export function InvitationActions({ id, email, expired }: { id: string; email: string; expired: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const resend = api.invitations.resend.useMutation();
  const revoke = api.invitations.revoke.useMutation();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <button type="button" className="btn-secondary px-3 py-1.5" disabled={!hydrated || resend.isPending}
        aria-label={`Resend the invitation to ${email}`}
        onClick={async () => {
          setStatus(null);
          try {
            await resend.mutateAsync({ id });
            setStatus({ ok: true, text: "New link sent" });
            router.refresh();
          } catch (error) {
            setStatus({ ok: false, text: error instanceof Error ? error.message : "Could not resend" });
          }
        }}>
        {resend.isPending ? "Sending…" : expired ? "Send again" : "Resend"}
      </button>
      <ConfirmButton label="Revoke" className="btn-danger px-3 py-1.5" title={`Revoke the invitation to ${email}?`} confirmLabel="Revoke invitation"
        body={<p>The link in their email stops working at once. You can invite them again later.</p>}
        onConfirm={async () => {
          await revoke.mutateAsync({ id });
          router.refresh();
        }} />
      {status ? <p role={status.ok ? "status" : "alert"} className={`w-full text-right text-xs ${status.ok ? "text-emerald-700" : "text-red-600"}`}>{status.text}</p> : null}
    </div>
  );
}
