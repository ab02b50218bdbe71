"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { ACTIONS, RESOURCES } from "@/features/roles/permissions";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { createApiKeySchema } from "../api-keys.schema";

const label = (s: string) => s.replace(/_/g, " ");

/** Name, expiry and a scope matrix; the new key is shown once, here, with a copy button. */
export function CreateApiKeyForm({ grantable }: { grantable: string[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const create = api.apiKeys.create.useMutation();
  const [name, setName] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [scopes, setScopes] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const can = new Set(grantable);
  const toggle = (scope: string) => setScopes((s) => { const next = new Set(s); if (next.has(scope)) next.delete(scope); else next.add(scope); return next; });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(createApiKeySchema, { name, expiresOn, permissions: [...scopes] });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const result = await create.mutateAsync(checked.data);
      setCreated({ token: result.token, name: checked.data.name });
      setName("");
      setExpiresOn("");
      setScopes(new Set());
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  if (created) {
    return (
      <section aria-labelledby="new-key" className="card space-y-3 border-emerald-300 p-5 ring-1 ring-emerald-200">
        <h2 id="new-key" className="font-semibold">“{created.name}” is ready</h2>
        <p className="text-sm text-slate-600">Copy it now: Parley keeps only a hash and cannot show it again. Send it as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="new-api-key" className="break-all rounded bg-slate-100 px-2 py-1 text-sm">{created.token}</code>
          <button type="button" className="btn-secondary" onClick={async () => { await navigator.clipboard?.writeText(created.token); setCopied(true); }}>{copied ? "Copied" : "Copy"}</button>
        </div>
        <button type="button" className="btn-primary" onClick={() => { setCreated(null); setCopied(false); }}>Done</button>
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4 p-5" aria-label="New API key">
      <h2 className="font-semibold">New API key</h2>
      <FormError message={errors.form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} hint="What uses it, e.g. “Warehouse sync”" required />
        <Field label="Expires on" name="expiresOn" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} error={errors.expiresOn} hint="Empty: until revoked" />
      </div>
      <fieldset aria-describedby={errors.permissions ? "permissions-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-700">Scopes</legend>
        <div className="overflow-x-auto">
          <table className="text-sm">
            <thead>
              <tr><th scope="col" className="pr-4 text-left font-medium text-slate-500">Resource</th>{ACTIONS.map((a) => <th key={a} scope="col" className="px-3 font-medium capitalize text-slate-500">{a}</th>)}</tr>
            </thead>
            <tbody>
              {RESOURCES.map((r) => (
                <tr key={r} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 text-left font-normal capitalize">{label(r)}</th>
                  {ACTIONS.map((a) => {
                    const scope = `${r}:${a}`;
                    return (
                      <td key={a} className="px-3 text-center">
                        <input type="checkbox" aria-label={`${label(r)}: ${a}`} checked={scopes.has(scope)} disabled={!can.has(scope)} onChange={() => toggle(scope)} className="h-4 w-4" />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-1 text-xs text-slate-500">Greyed-out scopes are beyond your own role. A key never does more than its creator&apos;s role allows, and stops when its creator leaves.</p>
        {errors.permissions ? <p id="permissions-error" className="mt-1 text-sm text-red-600">{errors.permissions}</p> : null}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={!hydrated || create.isPending}>{create.isPending ? "Creating…" : "Create key"}</button>
    </form>
  );
}
