"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { type InviteInput, inviteSchema } from "../members.schema";

export interface RoleOption {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  assignable: boolean;
}

/** Invite one person by email with a role; the same schema checks it here and on the server. */
export function InviteForm({ orgSlug, roles, seatsFull }: { orgSlug: string; roles: RoleOption[]; seatsFull: boolean }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const id = useId();
  const assignable = roles.filter((r) => r.assignable);
  const defaultRole = assignable.find((r) => r.isDefault) ?? assignable.find((r) => r.name !== "Owner") ?? assignable[0];
  const [values, setValues] = useState<InviteInput>({ email: "", roleId: defaultRole?.id ?? "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState("");
  const invite = api.invitations.create.useMutation();
  const selected = roles.find((r) => r.id === values.roleId);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSent("");
    const checked = validate(inviteSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const invitation = await invite.mutateAsync(checked.data);
      setValues({ ...values, email: "" });
      setSent(`Invitation sent to ${invitation.email}. The link works for 7 days.`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Invite a teammate" className="space-y-3">
      {errors.seats ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {errors.seats}{" "}
          <Link href={`/${orgSlug}/settings/billing`} className="font-semibold underline">Upgrade your plan</Link>
        </div>
      ) : null}
      <FormError message={errors.form ?? errors.id} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-start">
        <Field label="Email address" name="email" type="email" autoComplete="off" placeholder="colleague@company.com"
          value={values.email} error={errors.email} maxLength={320} required
          onChange={(e) => setValues({ ...values, email: e.target.value })} />
        <div>
          <label htmlFor={`${id}-role`} className="mb-1 block text-sm font-medium text-slate-700">Role</label>
          <select id={`${id}-role`} name="roleId" className="input" value={values.roleId}
            aria-invalid={errors.roleId ? true : undefined}
            aria-describedby={errors.roleId ? `${id}-role-error` : selected?.description ? `${id}-role-hint` : undefined}
            onChange={(e) => setValues({ ...values, roleId: e.target.value })}>
            {assignable.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
          {errors.roleId ? <p id={`${id}-role-error`} role="alert" className="mt-1 text-sm text-red-600">{errors.roleId}</p> : null}
        </div>
        <div className="sm:pt-6">
          <button type="submit" className="btn-primary w-full whitespace-nowrap" disabled={!hydrated || invite.isPending}>
            {invite.isPending ? "Sending…" : "Send invitation"}
          </button>
        </div>
      </div>
      {selected?.description && !errors.roleId ? (
        <p id={`${id}-role-hint`} className="text-xs text-slate-500"><span className="font-medium">{selected.name}:</span> {selected.description}</p>
      ) : null}
      {seatsFull && !errors.seats ? (
        <p className="text-sm text-amber-800">
          Every seat is taken, so new invitations will be refused.{" "}
          <Link href={`/${orgSlug}/settings/billing`} className="font-semibold underline">Upgrade your plan</Link> or free a seat first.
        </p>
      ) : null}
      <p role="status" className="text-sm text-emerald-700 empty:mt-0">{sent}</p>
    </form>
  );
}
