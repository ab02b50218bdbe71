"use client";

import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/trpc/react";

/** Ticks a task done (or reopens it) in one click; the list refreshes from the server. */
export function TaskCheckbox({ id, title, done }: { id: string; title: string; done: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const setStatus = api.tasks.setStatus.useMutation({
    onSuccess: () => router.refresh(),
    onError: (e) => setError(e.message),
  });
  return (
    <>
      <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={setStatus.isPending ? !done : done} disabled={setStatus.isPending || !hydrated}
        aria-label={done ? `Reopen ${title}` : `Complete ${title}`}
        onChange={() => { setError(null); setStatus.mutate({ id, status: done ? "pending" : "completed" }); }} />
      {error ? <span role="alert" className="text-xs text-red-600">{error}</span> : null}
    </>
  );
}
