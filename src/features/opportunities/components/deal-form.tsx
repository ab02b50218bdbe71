"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { CompanyPicker, type PickedCompany } from "@/features/companies/components/company-picker";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { createOpportunitySchema } from "../opportunities.schema";

export function DealForm({ orgSlug, pipelineId, stages }: { orgSlug: string; pipelineId: string; stages: { id: string; name: string }[] }) {
  const router = useRouter();
  const draft = useDraft(`deal:${orgSlug}:${pipelineId}`, { name: "", value: "", currency: "USD", expectedCloseDate: "", stageId: stages[0]?.id ?? "", companies: "[]" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.opportunities.create.useMutation();
  const v = draft.values;
  const companies = JSON.parse(v.companies) as PickedCompany[];

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(createOpportunitySchema, {
      pipelineId, stageId: v.stageId, name: v.name, value: v.value || "0", currency: v.currency, expectedCloseDate: v.expectedCloseDate, companyId: companies[0]?.id,
    });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const deal = await create.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${orgSlug}/deals/${deal.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-4 p-5 sm:grid-cols-2" aria-label="New deal">
      <div className="sm:col-span-2"><FormError message={errors.form} /></div>
      <Field label="Deal name" name="name" value={v.name} onChange={(e) => draft.set("name", e.target.value)} error={errors.name} required autoFocus className="sm:col-span-2" />
      <Field label="Value" name="value" value={v.value} inputMode="decimal" placeholder="25000" onChange={(e) => draft.set("value", e.target.value)} error={errors.value} />
      <Field label="Currency" name="currency" value={v.currency} maxLength={3} onChange={(e) => draft.set("currency", e.target.value)} error={errors.currency} />
      <Field label="Expected close" name="expectedCloseDate" type="date" value={v.expectedCloseDate} onChange={(e) => draft.set("expectedCloseDate", e.target.value)} error={errors.expectedCloseDate} />
      <SelectField label="Stage" name="stageId" value={v.stageId} options={stages.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => draft.set("stageId", e.target.value)} error={errors.stageId} />
      <CompanyPicker value={companies} onChange={(next) => draft.set("companies", JSON.stringify(next.slice(-1)))} error={errors.companyId} />
      <div className="flex gap-3 sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create deal"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}
