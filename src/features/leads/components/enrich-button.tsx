"use client";

import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/trpc/react";

/** Reads the company's website for the lead; says what it found or why it could not. */
export function EnrichButton({ leadId, hasWebsite }: { leadId: string; hasWebsite: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const enrich = api.leads.enrich.useMutation({
    onSuccess: (r) => { setMessage({ ok: true, text: r.filled.length ? `Filled ${r.filled.join(", ")}` : "Read the website; nothing new to fill" }); router.refresh(); },
    onError: (e) => setMessage({ ok: false, text: e.message }),
  });
  return (
    <div className="flex flex-col items-start gap-1">
      <button type="button" className="btn-secondary" disabled={enrich.isPending || !hasWebsite || !hydrated} title={hasWebsite ? undefined : "Add the company's website first"}
        onClick={() => { setMessage(null); enrich.mutate({ id: leadId }); }}>
        {enrich.isPending ? "Reading website…" : "Enrich from website"}
      </button>
      {message ? <p role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-emerald-700" : "text-red-600"}`}>{message.text}</p> : null}
    </div>
  );
}
