"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { createRoleSchema, updateRoleSchema } from "../roles.schema";

function DescriptionField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">Description (optional)</label>
      <textarea id={id} name="description" rows={2} maxLength={500} value={value} className="input"
        placeholder="What people with this role do"
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)} />
      {error ? <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}

/** A new custom role, optionally starting from another role's permissions. */
export function CreateRoleForm({ orgSlug, roles }: { orgSlug: string; roles: { id: string; name: string; copyable: boolean }[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
  const create = api.roles.create.useMutation();
  const [values, setValues] = useState<{ name: string; description: string; copyFromRoleId: string }>({ name: "", description: "", copyFromRoleId: roles.find((r) => r.name === "Member" && r.copyable)?.id ?? "" });
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(createRoleSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const role = await create.mutateAsync(checked.data);
      router.push(`/${orgSlug}/settings/roles/${role.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Create a role" className="space-y-3">
      <FormError message={errors.form} />
      <Field label="Role name" name="name" value={values.name} maxLength={100} required autoComplete="off" placeholder="e.g. Sales Development Rep"
        error={errors.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
      <DescriptionField value={values.description} error={errors.description} onChange={(description) => setValues({ ...values, description })} />
      <div>
        <label htmlFor={`${id}-copy`} className="mb-1 block text-sm font-medium text-slate-700">Start with the permissions of</label>
        <select id={`${id}-copy`} name="copyFromRoleId" className="input" value={values.copyFromRoleId}
          aria-invalid={errors.copyFromRoleId ? true : undefined} aria-describedby={errors.copyFromRoleId ? `${id}-copy-error` : `${id}-copy-hint`}
          onChange={(e) => setValues({ ...values, copyFromRoleId: e.target.value })}>
          <option value="">No permissions (start empty)</option>
          {roles.filter((r) => r.copyable).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
        {errors.copyFromRoleId
          ? <p id={`${id}-copy-error`} role="alert" className="mt-1 text-sm text-red-600">{errors.copyFromRoleId}</p>
          : <p id={`${id}-copy-hint`} className="mt-1 text-xs text-slate-500">You can adjust every permission next.</p>}
      </div>
      <button type="submit" className="btn-primary" disabled={!hydrated || create.isPending}>{create.isPending ? "Creating…" : "Create role"}</button>
    </form>
  );
}

/** Rename a custom role or change its description. */
export function RoleDetailsForm({ role }: { role: { id: string; name: string; description: string | null } }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const update = api.roles.update.useMutation();
  const [values, setValues] = useState({ name: role.name, description: role.description ?? "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState("");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved("");
    const checked = validate(updateRoleSchema, { id: role.id, ...values });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      await update.mutateAsync(checked.data);
      setSaved("Saved.");
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Role details" className="space-y-3">
      <FormError message={errors.form ?? errors.id} />
      <Field label="Role name" name="name" value={values.name} maxLength={100} required autoComplete="off"
        error={errors.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
      <DescriptionField value={values.description} error={errors.description} onChange={(description) => setValues({ ...values, description })} />
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-secondary" disabled={!hydrated || update.isPending}>{update.isPending ? "Saving…" : "Save details"}</button>
        <p role="status" className="text-sm text-emerald-700">{saved}</p>
      </div>
    </form>
  );
}

export function DeleteRoleButton({ orgSlug, role }: { orgSlug: string; role: { id: string; name: string; holders: number } }) {
  const router = useRouter();
  const remove = api.roles.delete.useMutation();
  return (
    <ConfirmButton label="Delete role" title={`Delete the ${role.name} role?`} confirmLabel="Delete role"
      body={role.holders
        ? <p>{role.holders} {role.holders === 1 ? "person holds" : "people hold"} this role, so it cannot be deleted until they have another role.</p>
        : <p>Nobody holds it. This cannot be undone.</p>}
      onConfirm={async () => {
        await remove.mutateAsync({ id: role.id });
        router.push(`/${orgSlug}/settings/roles`);
        router.refresh();
      }} />
  );
}
