"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { organizationSettingsSchema } from "../organization-settings.schema";

interface Settings { name: string; slug: string; logoUrl: string | null; timezone: string; currency: string }

export function OrganizationSettingsForm({ initial, timeZones, currencies, canEdit, origin }: {
  initial: Settings; timeZones: string[]; currencies: string[]; canEdit: boolean; origin: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const save = api.organizations.updateSettings.useMutation();
  const [values, setValues] = useState({ ...initial, logoUrl: initial.logoUrl ?? "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues({ ...values, [key]: e.target.value });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(null);
    const checked = validate(organizationSettingsSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const result = await save.mutateAsync(checked.data);
      setSaved("Saved.");
      // A new address moves every page of the organization.
      if (result.slug !== initial.slug) router.push(`/${result.slug}/settings`);
      else router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4 p-5" aria-label="Organization settings">
      <FormError message={errors.form} />
      <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" value={values.name} onChange={set("name")} error={errors.name} required />
        <Field label="Address" name="slug" value={values.slug} onChange={set("slug")} error={errors.slug}
          hint={`${origin}/${values.slug || "…"}: changing it changes every link to this organization`} required />
        <Field label="Logo URL" name="logoUrl" type="url" value={values.logoUrl} onChange={set("logoUrl")} error={errors.logoUrl} hint="A square image works best (shown on proposals and in the sidebar)" className="sm:col-span-2" />
        <SelectField label="Time zone" name="timezone" value={values.timezone} onChange={set("timezone")} error={errors.timezone} options={timeZones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))} />
        <SelectField label="Currency" name="currency" value={values.currency} onChange={set("currency")} error={errors.currency} options={currencies.map((c) => ({ value: c, label: c }))} />
      </fieldset>
      {canEdit ? (
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={!hydrated || save.isPending}>{save.isPending ? "Saving…" : "Save settings"}</button>
          <p role="status" className="text-sm text-emerald-700">{saved}</p>
        </div>
      ) : <p className="text-sm text-slate-500">Only admins can change these settings.</p>}
    </form>
  );
}
