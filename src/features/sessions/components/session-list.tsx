"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/field";
import { formatRelative } from "@/lib/dates";
import { describeDevice } from "@/lib/user-agent";
import type { RouterOutputs } from "@/trpc/types";
import { api } from "@/trpc/react";

type SessionRow = RouterOutputs["sessions"]["list"][number];

export function SessionList({ initial }: { initial: SessionRow[] }) {
  const router = useRouter();
  const utils = api.useUtils();
  const sessions = api.sessions.list.useQuery(undefined, { initialData: initial });
  const [error, setError] = useState<string>();
  const refresh = async () => {
    await utils.sessions.list.invalidate();
    router.refresh();
  };
  const revoke = api.sessions.revoke.useMutation({ onSuccess: refresh, onError: (e) => setError(e.message) });
  const revokeOthers = api.sessions.revokeOthers.useMutation({ onSuccess: refresh, onError: (e) => setError(e.message) });
  const rows = sessions.data ?? initial;
  const others = rows.filter((s) => !s.current).length;

  return (
    <div className="space-y-4">
      <FormError message={error} />
      <ul className="card divide-y divide-slate-100" aria-label="Your sessions">
        {rows.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
            <div>
              <p className="font-medium">
                {describeDevice(s.userAgent)}
                {s.current ? <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-xs text-green-800">This device</span> : null}
              </p>
              <p className="text-sm text-slate-500">
                {s.ipAddress ?? "Unknown IP"} · last active {formatRelative(new Date(s.lastUsedAt))} · signed in {formatRelative(new Date(s.createdAt))}
              </p>
            </div>
            {!s.current ? (
              <button type="button" className="btn-danger" disabled={revoke.isPending}
                onClick={() => revoke.mutate({ sessionId: s.id })} aria-label={`Revoke session on ${describeDevice(s.userAgent)}`}>
                Revoke
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" className="btn-secondary" disabled={others === 0 || revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
        Sign out all other sessions{others ? ` (${others})` : ""}
      </button>
    </div>
  );
}
