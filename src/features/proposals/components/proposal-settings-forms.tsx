"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { approvalThresholdSchema, templateFieldsSchema } from "../proposals.schema";

/** The discount above which a proposal needs an approval before it is sent. */
export function ThresholdForm({ initial }: { initial: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const save = api.proposals.updateSettings.useMutation();
  const [value, setValue] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const checked = validate(approvalThresholdSchema, { thresholdPercent: value });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      await save.mutateAsync(checked.data);
      setSaved(true);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Approval threshold" className="flex flex-wrap items-end gap-3">
      <FormError message={errors.form} />
      <Field label="Discounts above this need approval (%)" name="thresholdPercent" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} error={errors.thresholdPercent} />
      <button type="submit" className="btn-primary" disabled={!hydrated || save.isPending}>{save.isPending ? "Saving…" : "Save threshold"}</button>
      {saved ? <p role="status" className="text-sm text-emerald-700">Saved.</p> : null}
    </form>
  );
}

export interface TemplateFormValues {
  name: string; description: string; validForDays: string; executiveSummary: string; scopeOfWork: string; termsAndConditions: string;
  customSections: { title: string; body: string }[];
}
export const EMPTY_TEMPLATE: TemplateFormValues = { name: "", description: "", validForDays: "30", executiveSummary: "", scopeOfWork: "", termsAndConditions: "", customSections: [] };

export function TemplateForm({ orgSlug, id, initial }: { orgSlug: string; id?: string; initial: TemplateFormValues }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const create = api.proposalTemplates.create.useMutation();
  const update = api.proposalTemplates.update.useMutation();
  const remove = api.proposalTemplates.delete.useMutation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const pending = create.isPending || update.isPending;
  const set = (key: keyof Omit<TemplateFormValues, "customSections">) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues({ ...values, [key]: e.target.value });
  const back = () => { router.push(`/${orgSlug}/proposals/settings`); router.refresh(); };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const checked = validate(templateFieldsSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      if (id) await update.mutateAsync({ id, values: checked.data });
      else await create.mutateAsync(checked.data);
      back();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }
  const area = (key: "executiveSummary" | "scopeOfWork" | "termsAndConditions" | "description", label: string) => (
    <div>
      <label htmlFor={`t-${key}`} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={`t-${key}`} rows={3} className="input" value={values[key]} onChange={set(key)} />
      {errors[key] ? <p role="alert" className="mt-1 text-sm text-red-600">{errors[key]}</p> : null}
    </div>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4 p-5" aria-label={id ? "Edit template" : "New template"}>
      <FormError message={errors.form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" value={values.name} onChange={set("name")} error={errors.name} required />
        <Field label="Valid for (days)" name="validForDays" inputMode="numeric" value={values.validForDays} onChange={set("validForDays")} error={errors.validForDays} />
      </div>
      {area("description", "Description (for your team)")}
      {area("executiveSummary", "Executive summary")}
      {area("scopeOfWork", "Scope of work")}
      {area("termsAndConditions", "Terms and conditions")}
      {values.customSections.map((s, i) => (
        <fieldset key={i} className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Custom section {i + 1}</legend>
          <Field label="Section title" name={`s${i}`} value={s.title} onChange={(e) => setValues({ ...values, customSections: values.customSections.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)) })} />
          <label htmlFor={`s${i}-body`} className="mb-1 mt-2 block text-sm font-medium text-slate-700">Section text</label>
          <textarea id={`s${i}-body`} rows={3} className="input" value={s.body} onChange={(e) => setValues({ ...values, customSections: values.customSections.map((x, j) => (j === i ? { ...x, body: e.target.value } : x)) })} />
          <button type="button" className="btn-secondary mt-2" onClick={() => setValues({ ...values, customSections: values.customSections.filter((_, j) => j !== i) })}>Remove section {i + 1}</button>
        </fieldset>
      ))}
      {errors.customSections ? <p role="alert" className="text-sm text-red-600">{errors.customSections}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={() => setValues({ ...values, customSections: [...values.customSections, { title: "", body: "" }] })}>Add a custom section</button>
        <button type="submit" className="btn-primary" disabled={!hydrated || pending}>{pending ? "Saving…" : id ? "Save template" : "Create template"}</button>
        {id ? <ConfirmButton label="Delete" title={`Delete “${initial.name}”?`} confirmLabel="Delete template"
          body="Proposals made from it keep their sections." onConfirm={async () => { await remove.mutateAsync({ id }); back(); }} /> : null}
      </div>
    </form>
  );
}
