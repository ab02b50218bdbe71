"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { convertLeadSchema } from "../leads.schema";

interface PipelineOption { id: string; name: string; stages: { id: string; name: string; isWon: boolean; isLost: boolean }[] }

export function ConvertLeadForm({ orgSlug, leadId, companyName, pipelines, members, defaultOwnerId }: {
  orgSlug: string; leadId: string; companyName: string; pipelines: PipelineOption[]; members: { id: string; name: string }[]; defaultOwnerId: string;
}) {
  const router = useRouter();
  const first = pipelines[0];
  const draft = useDraft(`convert:${orgSlug}:${leadId}`, {
    name: `${companyName} deal`, value: "", currency: "USD", expectedCloseDate: "", pipelineId: first?.id ?? "", stageId: "", ownerId: defaultOwnerId,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const convert = api.leads.convert.useMutation();
  const v = draft.values;
  const stages = (pipelines.find((p) => p.id === v.pipelineId)?.stages ?? []).filter((s) => !s.isWon && !s.isLost);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(convertLeadSchema, { id: leadId, ...v });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const result = await convert.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${orgSlug}/deals/${result.opportunityId}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-4 p-5 sm:grid-cols-2" aria-label="Convert lead">
      <div className="sm:col-span-2"><FormError message={errors.form ?? errors.id} /></div>
      <Field label="Deal name" name="name" value={v.name} onChange={(e) => draft.set("name", e.target.value)} error={errors.name} required autoFocus className="sm:col-span-2" />
      <Field label="Value" name="value" value={v.value} inputMode="decimal" placeholder="25000" onChange={(e) => draft.set("value", e.target.value)} error={errors.value} />
      <Field label="Currency" name="currency" value={v.currency} maxLength={3} onChange={(e) => draft.set("currency", e.target.value)} error={errors.currency} />
      <SelectField label="Pipeline" name="pipelineId" value={v.pipelineId} options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(e) => { draft.set("pipelineId", e.target.value); draft.set("stageId", ""); }} error={errors.pipelineId} />
      <SelectField label="Stage" name="stageId" value={v.stageId} placeholder="First stage" options={stages.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => draft.set("stageId", e.target.value)} error={errors.stageId} />
      <Field label="Expected close" name="expectedCloseDate" type="date" value={v.expectedCloseDate} onChange={(e) => draft.set("expectedCloseDate", e.target.value)} error={errors.expectedCloseDate} />
      <SelectField label="Deal owner" name="ownerId" value={v.ownerId} placeholder="Me" options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={(e) => draft.set("ownerId", e.target.value)} error={errors.ownerId} />
      <div className="flex gap-3 sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={convert.isPending}>{convert.isPending ? "Converting…" : "Convert to deal"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}
