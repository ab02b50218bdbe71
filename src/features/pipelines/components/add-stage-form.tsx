"use client";

import { useRef, useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { MAX_STAGES, stageFieldsSchema } from "../pipelines.schema";
import { type StageKind, kindFlags } from "../stage-kind";
import type { PipelineSettings } from "./types";
import type { Save } from "./use-settings-saver";

const EMPTY = { name: "", probability: "", rottingDays: "", kind: "open" as StageKind };
const KINDS = [{ value: "open", label: "Open" }, { value: "won", label: "Won" }, { value: "lost", label: "Lost" }];

/** Adds a stage: an open one lands after the last open stage, a won or lost one at the end. */
export function AddStageForm({ pipeline, save }: { pipeline: PipelineSettings; save: Save }) {
  const add = api.pipelines.addStage.useMutation();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const nameInput = useRef<HTMLInputElement>(null);
  const full = pipeline.stages.length >= MAX_STAGES;
  const set = (field: keyof typeof EMPTY, value: string) => setValues((current) => ({ ...current, [field]: value }));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(stageFieldsSchema, { name: values.name, probability: values.probability, rottingDays: values.rottingDays, ...kindFlags(values.kind) });
    if (checked.errors) {
      const { isWon, isLost, ...rest } = checked.errors;
      return setErrors({ ...rest, kind: isWon ?? isLost });
    }
    setErrors({});
    try {
      // Not optimistic: the new row needs the id the server gives it.
      await save({
        run: () => add.mutateAsync({ pipelineId: pipeline.id, values: checked.data }),
        done: (stage) => `Added ${stage.name} as stage ${stage.position + 1}.`,
      });
      setValues(EMPTY);
      nameInput.current?.focus();
    } catch (error) {
      const { isWon, isLost, values: nested, ...rest } = errorsFromServer(error as Parameters<typeof errorsFromServer>[0]);
      setErrors({ ...rest, kind: isWon ?? isLost, form: rest.form ?? nested });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-stage-heading" className="border-t border-slate-200 bg-slate-50 px-4 py-4">
      <h4 id="add-stage-heading" className="mb-3 text-sm font-semibold">Add a stage</h4>
      <FormError message={errors.form} />
      {full ? (
        <p className="text-sm text-slate-600">This pipeline has the most stages it can have ({MAX_STAGES}). Delete one to add another.</p>
      ) : (
        <div className="grid grid-cols-2 items-start gap-3 sm:grid-cols-[minmax(10rem,1fr)_7rem_8rem_7rem_auto]">
          <div className="col-span-2 sm:col-span-1">
            <label htmlFor="new-stage-name" className="mb-1 block text-sm font-medium text-slate-700">New stage name</label>
            <input ref={nameInput} id="new-stage-name" name="name" value={values.name} maxLength={100} className="input" autoComplete="off" placeholder="e.g. Demo scheduled"
              aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? "new-stage-name-error" : undefined} onChange={(e) => set("name", e.target.value)} />
            {errors.name ? <p id="new-stage-name-error" role="alert" className="mt-1 text-sm text-red-600">{errors.name}</p> : null}
          </div>
          <Field label="Probability (%)" name="probability" type="number" inputMode="numeric" min={0} max={100} value={values.probability}
            error={errors.probability} onChange={(e) => set("probability", e.target.value)} />
          <Field label="Rotting after (days)" name="rottingDays" type="number" inputMode="numeric" min={1} placeholder="Never" value={values.rottingDays}
            error={errors.rottingDays} onChange={(e) => set("rottingDays", e.target.value)} />
          <SelectField label="Type" name="kind" value={values.kind} options={KINDS} error={errors.kind} onChange={(e) => set("kind", e.target.value)} />
          <div className="col-span-2 flex items-end sm:col-span-1 sm:pt-6">
            <button type="submit" className="btn-primary w-full sm:w-auto" disabled={add.isPending}>{add.isPending ? "Adding…" : "Add stage"}</button>
          </div>
        </div>
      )}
    </form>
  );
}
