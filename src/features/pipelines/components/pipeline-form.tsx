"use client";

import { useId, useState } from "react";
import type { z } from "zod";
import { Field, FormError } from "@/components/ui/field";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { type PipelineFormInput, pipelineFieldsSchema } from "../pipelines.schema";

/** Name and description of a pipeline, for creating one or renaming it. */
export function PipelineForm({ initial, submitLabel, busyLabel, onSubmit, onCancel, autoFocus = true }: {
  initial: { name: string; description: string };
  submitLabel: string;
  busyLabel: string;
  /** Resolves when saved; rejects with the server's error to show beside its field. */
  onSubmit: (values: z.output<typeof pipelineFieldsSchema>) => Promise<unknown>;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(pipelineFieldsSchema, values satisfies PipelineFormInput);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(checked.data);
    } catch (error) {
      const { values: nested, ...rest } = errorsFromServer(error as Parameters<typeof errorsFromServer>[0]);
      setErrors({ ...rest, form: rest.form ?? nested });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" onKeyDown={(e) => { if (e.key === "Escape" && onCancel) { e.preventDefault(); onCancel(); } }}>
      <FormError message={errors.form} />
      <Field label="Pipeline name" name="name" value={values.name} maxLength={100} required autoFocus={autoFocus} autoComplete="off"
        error={errors.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
      <div>
        <label htmlFor={`${id}-description`} className="mb-1 block text-sm font-medium text-slate-700">Description (optional)</label>
        <textarea id={`${id}-description`} name="description" rows={2} maxLength={1000} value={values.description} className="input"
          aria-invalid={errors.description ? true : undefined} aria-describedby={errors.description ? `${id}-description-error` : undefined}
          onChange={(e) => setValues({ ...values, description: e.target.value })} />
        {errors.description ? <p id={`${id}-description-error`} role="alert" className="mt-1 text-sm text-red-600">{errors.description}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? busyLabel : submitLabel}</button>
        {onCancel ? <button type="button" className="btn-secondary" onClick={onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}
