"use client";

import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

export function ResendVerificationButton({ className = "font-medium underline" }: { className?: string }) {
  const hydrated = useHydrated();
  const resend = api.account.resendVerification.useMutation();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button type="button" className={className} disabled={!hydrated || resend.isPending}
        onClick={() => resend.mutate(undefined, {
          onSuccess: (r) => setMessage(r.alreadyVerified ? "Your email is already verified." : "Sent. Check your inbox (and spam folder)."),
          onError: (e) => setMessage(e.message),
        })}>
        {resend.isPending ? "Sending…" : "Resend verification email"}
      </button>
      {message ? <span role="status" className="ml-2 text-sm">{message}</span> : null}
    </>
  );
}
