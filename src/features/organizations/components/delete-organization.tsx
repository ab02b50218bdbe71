"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

/** The danger zone: deleting needs the organization's name typed exactly. */
export function DeleteOrganization({ slug, name }: { slug: string; name: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const remove = api.organizations.delete.useMutation();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="delete-heading" className="card space-y-3 border border-red-200 p-5">
      <h2 id="delete-heading" className="font-semibold text-red-800">Delete this organization</h2>
      <p className="text-sm text-slate-600">
        Deletes {name} and everything in it for every member: companies, contacts, leads, deals, tasks, imports, API keys and the audit log. It cannot be undone; export the data first if you may need it.
      </p>
      <form className="flex flex-wrap items-end gap-3" onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await remove.mutateAsync({ slug, confirmName: typed });
          router.push("/dashboard");
        } catch (err) {
          setError(err instanceof Error ? err.message : "The organization could not be deleted");
        }
      }}>
        <div>
          <label htmlFor="confirm-name" className="mb-1 block text-sm font-medium text-slate-700">Type <strong>{name}</strong> to confirm</label>
          <input id="confirm-name" className="input" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" aria-describedby={error ? "delete-error" : undefined} />
        </div>
        <button type="submit" className="btn bg-red-600 text-white hover:bg-red-700 disabled:opacity-50" disabled={!hydrated || typed.trim() !== name || remove.isPending}>
          {remove.isPending ? "Deleting…" : "Delete organization"}
        </button>
      </form>
      {error ? <p id="delete-error" role="alert" className="text-sm text-red-600">{error}</p> : null}
    </section>
  );
}
