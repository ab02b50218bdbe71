"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { CompanyPicker, type PickedCompany } from "@/features/companies/components/company-picker";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { optionsOf } from "@/lib/labels";
import { api } from "@/trpc/react";
import { CONTACT_METHODS, EDITABLE_LEAD_STATUSES, LEAD_SOURCES, NURTURE_STATUSES, leadFieldsSchema } from "../leads.schema";
import type { LeadFormValues } from "./lead-form-values";

const TIME_ZONES = Intl.supportedValuesOf("timeZone");

export function LeadForm({ orgSlug, leadId, converted, initial, members, contacts }: {
  orgSlug: string;
  leadId?: string;
  converted?: boolean;
  initial: LeadFormValues;
  members: { id: string; name: string }[];
  contacts: { id: string; name: string }[];
}) {
  const router = useRouter();
  const draft = useDraft(`lead:${orgSlug}:${leadId ?? "new"}`, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.leads.create.useMutation();
  const update = api.leads.update.useMutation();
  const v = draft.values;
  const company = JSON.parse(v.company) as PickedCompany[];
  const set = (name: keyof LeadFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => draft.set(name, e.target.value);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const { company: _c, tags, ...fields } = v;
    const checked = validate(leadFieldsSchema, {
      ...fields, companyId: company[0]?.id ?? "", companyName: company[0] ? "" : fields.companyName,
      status: converted ? "qualified" : fields.status,
      tags: tags.split(",").map((t) => t.trim()).filter(Boolean),
    });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const saved = leadId ? await update.mutateAsync({ id: leadId, values: checked.data }) : await create.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${orgSlug}/leads/${saved.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  const busy = create.isPending || update.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-5 p-5" aria-label={leadId ? "Edit lead" : "New lead"}>
      <FormError message={errors.form} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Who</legend>
        <CompanyPicker label="Existing company" max={1} value={company} onChange={(next) => draft.set("company", JSON.stringify(next))} error={errors.companyId} />
        {company.length ? null : (
          <Field label="Or a new company's name" name="companyName" value={v.companyName} onChange={set("companyName")} error={errors.companyName} autoFocus={!leadId} className="sm:col-span-2" />
        )}
        <SelectField label="Main contact" name="contactId" value={v.contactId} placeholder="None" options={contacts.map((c) => ({ value: c.id, label: c.name }))} onChange={set("contactId")} error={errors.contactId} />
        <SelectField label="Assigned to" name="assignedTo" value={v.assignedTo} placeholder={leadId ? "Unchanged" : "Me"} options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={set("assignedTo")} error={errors.assignedTo} />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Qualification</legend>
        {converted ? (
          <p className="text-sm text-slate-600 sm:col-span-1">Status: <strong>Converted</strong></p>
        ) : (
          <SelectField label="Status" name="status" value={v.status} options={optionsOf(EDITABLE_LEAD_STATUSES)} onChange={set("status")} error={errors.status} />
        )}
        <SelectField label="Nurture" name="nurtureStatus" value={v.nurtureStatus} options={optionsOf(NURTURE_STATUSES)} onChange={set("nurtureStatus")} error={errors.nurtureStatus} />
        <SelectField label="Source" name="source" value={v.source} options={optionsOf(LEAD_SOURCES)} onChange={set("source")} error={errors.source} />
        <Field label="Source details" name="sourceDetail" value={v.sourceDetail} onChange={set("sourceDetail")} error={errors.sourceDetail} hint="Campaign, referrer or event" className="sm:col-span-3" />
        {v.status === "lost" && !converted ? (
          <Field label="Lost reason" name="lostReason" value={v.lostReason} onChange={set("lostReason")} error={errors.lostReason} className="sm:col-span-3" />
        ) : null}
        <Field label="Tags" name="tags" value={v.tags} onChange={set("tags")} error={errors.tags} hint="Separate with commas" className="sm:col-span-3" />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Reaching them</legend>
        <SelectField label="Preferred contact" name="preferredContactMethod" value={v.preferredContactMethod} placeholder="Any" options={optionsOf(CONTACT_METHODS)} onChange={set("preferredContactMethod")} error={errors.preferredContactMethod} />
        <Field label="Best time to call" name="bestCallTime" value={v.bestCallTime} onChange={set("bestCallTime")} error={errors.bestCallTime} placeholder="Weekdays 9–11am" />
        <div>
          <label htmlFor="lead-timezone" className="mb-1 block text-sm font-medium text-slate-700">Time zone</label>
          <input id="lead-timezone" name="timezone" list="lead-timezones" className="input" value={v.timezone} onChange={set("timezone")}
            aria-invalid={errors.timezone ? true : undefined} aria-describedby={errors.timezone ? "lead-timezone-error" : undefined} placeholder="Europe/Berlin" />
          <datalist id="lead-timezones">{TIME_ZONES.map((tz) => <option key={tz} value={tz} />)}</datalist>
          {errors.timezone ? <p id="lead-timezone-error" role="alert" className="mt-1 text-sm text-red-600">{errors.timezone}</p> : null}
        </div>
      </fieldset>
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? "Saving…" : leadId ? "Save changes" : "Create lead"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}
