"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { CompanyPicker, type PickedCompany } from "@/features/companies/components/company-picker";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { dealFieldsSchema } from "../opportunities.schema";

export type DealEditValues = {
  name: string; value: string; currency: string; expectedCloseDate: string; company: string; contactId: string; ownerId: string; team: string;
};

/** A deal's own facts; its stage changes on the board or with "Move this deal". */
export function DealEditForm({ orgSlug, dealId, initial, members, contacts }: {
  orgSlug: string; dealId: string; initial: DealEditValues; members: { id: string; name: string }[]; contacts: { id: string; name: string }[];
}) {
  const router = useRouter();
  const draft = useDraft(`deal-edit:${orgSlug}:${dealId}`, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = api.opportunities.update.useMutation();
  const v = draft.values;
  const company = JSON.parse(v.company) as PickedCompany[];
  const team = new Set(JSON.parse(v.team) as string[]);
  const set = (name: keyof DealEditValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => draft.set(name, e.target.value);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(dealFieldsSchema, {
      name: v.name, value: v.value || "0", currency: v.currency, expectedCloseDate: v.expectedCloseDate, companyId: company[0]?.id ?? "",
      contactId: v.contactId, ownerId: v.ownerId, teamMemberIds: [...team],
    });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      await update.mutateAsync({ id: dealId, values: checked.data });
      draft.clear();
      router.push(`/${orgSlug}/deals/${dealId}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-4 p-5 sm:grid-cols-2" aria-label="Edit deal">
      <div className="sm:col-span-2"><FormError message={errors.form} /></div>
      <Field label="Deal name" name="name" value={v.name} onChange={set("name")} error={errors.name} required className="sm:col-span-2" />
      <Field label="Value" name="value" value={v.value} inputMode="decimal" onChange={set("value")} error={errors.value} />
      <Field label="Currency" name="currency" value={v.currency} maxLength={3} onChange={set("currency")} error={errors.currency} />
      <Field label="Expected close" name="expectedCloseDate" type="date" value={v.expectedCloseDate} onChange={set("expectedCloseDate")} error={errors.expectedCloseDate} />
      <SelectField label="Owner" name="ownerId" value={v.ownerId} options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={set("ownerId")} error={errors.ownerId} />
      <CompanyPicker label="Company" max={1} value={company} onChange={(next) => draft.set("company", JSON.stringify(next))} error={errors.companyId} />
      <SelectField label="Contact" name="contactId" value={v.contactId} placeholder="None" options={contacts.map((c) => ({ value: c.id, label: c.name }))} onChange={set("contactId")} error={errors.contactId} />
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Team members</legend>
        <div className="flex flex-wrap gap-3">
          {members.filter((m) => m.id !== v.ownerId).map((m) => (
            <label key={m.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={team.has(m.id)} onChange={(e) => {
                const next = new Set(team);
                if (e.target.checked) next.add(m.id); else next.delete(m.id);
                draft.set("team", JSON.stringify([...next]));
              }} />
              {m.name}
            </label>
          ))}
        </div>
        {errors.teamMemberIds ? <p role="alert" className="mt-1 text-sm text-red-600">{errors.teamMemberIds}</p> : null}
      </fieldset>
      <div className="flex gap-3 sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={update.isPending}>{update.isPending ? "Saving…" : "Save changes"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}
