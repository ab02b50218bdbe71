"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { SCORING_FACTORS, type ScoringWeights, scoringWeightsSchema } from "../lead-scoring";

const HINTS: Record<string, string> = {
  industry: "Known industry; full marks for a target industry",
  size: "Headcount on a log scale; 1,000+ scores in full",
  revenue: "From $100k (nothing) to $10M+ (full)",
  yearsInBusiness: "Full marks at 10 years",
  rating: "Review rating out of 5",
  interactions: "Logged calls, emails, meetings; 8+ scores in full",
  recency: "Full within a week, fading to nothing at 90 days",
  replies: "Inbound interactions; 3+ scores in full",
};

export function ScoringWeightsForm({ initial, canEdit }: { initial: ScoringWeights; canEdit: boolean }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(SCORING_FACTORS.map((f) => [f.key, String(initial[f.key])])),
    targetIndustries: initial.targetIndustries.join(", "),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const save = api.leads.saveScoringWeights.useMutation();
  const total = SCORING_FACTORS.reduce((s, f) => s + (Number(values[f.key]) || 0), 0);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    const checked = validate(scoringWeightsSchema, { ...values, targetIndustries: values.targetIndustries!.split(",").map((s) => s.trim()).filter(Boolean) });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const result = await save.mutateAsync(checked.data);
      setDone(`Saved. ${result.rescored} ${result.rescored === 1 ? "lead was" : "leads were"} rescored.`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-5 p-5" aria-label="Lead scoring weights">
      <FormError message={errors.form} />
      {(["fit", "engagement"] as const).map((group) => (
        <fieldset key={group} className="grid gap-4 sm:grid-cols-2" disabled={!canEdit}>
          <legend className="mb-2 text-sm font-semibold text-slate-900">{group === "fit" ? "Fit: who they are" : "Engagement: how they respond"}</legend>
          {SCORING_FACTORS.filter((f) => f.group === group).map((f) => (
            <Field key={f.key} label={`${f.label} weight`} name={f.key} type="number" min={0} max={100} value={values[f.key]}
              hint={`${HINTS[f.key]} · ${total ? Math.round(((Number(values[f.key]) || 0) / total) * 100) : 0} of 100 points`}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} error={errors[f.key]} />
          ))}
        </fieldset>
      ))}
      <Field label="Target industries" name="targetIndustries" value={values.targetIndustries} disabled={!canEdit} hint="Separate with commas; empty means any known industry fits"
        onChange={(e) => setValues({ ...values, targetIndustries: e.target.value })} error={errors.targetIndustries} />
      {canEdit ? (
        <div className="flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={save.isPending}>{save.isPending ? "Saving and rescoring…" : "Save and rescore all leads"}</button>
          <p role="status" className="text-sm text-emerald-700">{done}</p>
        </div>
      ) : <p className="text-sm text-slate-500">Only admins can change the weights.</p>}
    </form>
  );
}
