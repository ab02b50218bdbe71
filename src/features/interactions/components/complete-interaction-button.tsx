"use client";

import { useHydrated } from "@/components/use-hydrated";
import { useRouter } from "next/navigation";
import { api } from "@/trpc/react";

export function CompleteInteractionButton({ id }: { id: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const complete = api.interactions.complete.useMutation({ onSuccess: () => router.refresh() });
  return (
    <button type="button" className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400" disabled={complete.isPending || !hydrated}
      onClick={() => complete.mutate({ id })}>
      {complete.isPending ? "Saving…" : "Mark done"}
    </button>
  );
}
