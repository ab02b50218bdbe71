"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { formatMoney } from "@/lib/money";
import { api } from "@/trpc/react";
import { CONTRACT_TYPES, CONTRACT_TYPE_LABELS, contractFieldsSchema } from "../contracts.schema";
import type { ContractFormValues, ScheduleRow } from "./contract-form-values";
import { SCHEDULE_FREQUENCIES, type ScheduleFrequency, buildSchedule, scheduleShortfall } from "../payment-schedule";
import { type FormErrors, issuesToErrors, serverErrors } from "@/lib/form-errors";

let counter = 0;
const newKey = () => `r${Date.now().toString(36)}${(counter++).toString(36)}`;
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const cleanAmount = (s: string) => s.replace(/[,\s]/g, "");
const FREQUENCY_LABELS: Record<ScheduleFrequency, string> = { once: "once", monthly: "monthly", quarterly: "quarterly", yearly: "yearly" };

/**
 * Whether the instalments add up to the total, to the cent (decimal, never floats): the same
 * scheduleShortfall the schema checks with.
 */
function scheduleCheck(total: string, rows: readonly ScheduleRow[], currency: string) {
  const t = cleanAmount(total);
  const amounts = rows.map((r) => cleanAmount(r.amount));
  if (!AMOUNT.test(t)) return { ok: false, text: "Enter the total value to check the instalments against it." };
  if (rows.length === 0) return { ok: false, text: "Add at least one instalment." };
  if (amounts.some((a) => !AMOUNT.test(a))) return { ok: false, text: "Enter every instalment's amount to check the total." };
  const off = scheduleShortfall(t, amounts.map((amount) => ({ amount })));
  const money = (v: string) => formatMoney(v, currency);
  if (off === "0.00") return { ok: true, text: `Adds up to ${money(t)} ✓` };
  return off.startsWith("-") ? { ok: false, text: `${money(off.slice(1))} over the total` } : { ok: false, text: `${money(off)} short of the total` };
}

/** A new contract's form (from an accepted proposal or a deal) and a draft's edit form. */
export function ContractForm({ orgSlug, initial, target, cancelHref }: {
  orgSlug: string;
  initial: ContractFormValues;
  target: { kind: "create"; opportunityId: string; proposalId: string | null } | { kind: "edit"; id: string };
  cancelHref: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const ids = useId();
  const create = api.contracts.create.useMutation();
  const update = api.contracts.update.useMutation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [split, setSplit] = useState({ count: "3", frequency: "monthly" as ScheduleFrequency, from: initial.startDate });
  const [splitError, setSplitError] = useState<string>();
  const pending = create.isPending || update.isPending;

  const currency = /^[A-Za-z]{3}$/.test(values.currency.trim()) ? values.currency.trim().toUpperCase() : "USD";
  const check = scheduleCheck(values.totalValue, values.paymentSchedule, currency);
  // A field's message goes once it is edited (the banner too, once no message is left).
  const change = (next: ContractFormValues, ...touched: string[]) => {
    setValues(next);
    const left = Object.entries(errors).filter(([k, m]) => k !== "form" && m && !touched.some((t) => k === t || k.startsWith(`${t}.`)));
    if (left.length !== Object.keys(errors).filter((k) => k !== "form" && errors[k]).length) {
      setErrors(left.length ? { ...Object.fromEntries(left), form: errors.form } : {});
    }
  };
  const set = (key: "title" | "type" | "startDate" | "endDate" | "renewalTerms" | "currency" | "totalValue" | "paymentTerms" | "body") =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      // The schedule is checked against the total, so its message goes with the total's.
      change({ ...values, [key]: e.target.value }, key, ...(key === "totalValue" ? ["paymentSchedule"] : []));
  const setSchedule = (paymentSchedule: ScheduleRow[]) => change({ ...values, paymentSchedule }, "paymentSchedule", "totalValue");
  const setRow = (index: number, patch: Partial<ScheduleRow>) => setSchedule(values.paymentSchedule.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  function splitSchedule() {
    const total = cleanAmount(values.totalValue);
    const count = Number(split.count);
    if (!AMOUNT.test(total)) return setSplitError("Enter the total value first.");
    if (split.frequency !== "once" && (!Number.isInteger(count) || count < 1 || count > 120)) return setSplitError("Choose between 1 and 120 instalments.");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(split.from)) return setSplitError("Choose the first due date.");
    setSplitError(undefined);
    setSchedule(buildSchedule(total, split.frequency === "once" ? 1 : count, split.from, split.frequency).map((i) => ({ key: newKey(), ...i })));
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const payload = { ...values, paymentSchedule: values.paymentSchedule.map(({ dueDate, amount, description }) => ({ dueDate, amount, description })) };
    const parsed = contractFieldsSchema.safeParse(payload);
    if (!parsed.success) {
      return setErrors({ ...issuesToErrors(parsed.error.issues), form: "Some fields need your attention: see the messages below." });
    }
    setErrors({});
    try {
      const saved = target.kind === "create"
        ? await create.mutateAsync({ opportunityId: target.opportunityId, proposalId: target.proposalId, values: parsed.data })
        : await update.mutateAsync({ id: target.id, values: parsed.data });
      router.push(`/${orgSlug}/contracts/${saved.id}`);
      router.refresh();
    } catch (error) {
      // Typed input stays as it is: only the messages change.
      setErrors(serverErrors(error, "values"));
    }
  }

  const rowError = (i: number, field: string) => errors[`paymentSchedule.${i}.${field}`];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={target.kind === "create" ? "New contract" : "Edit contract"}>
      <FormError message={errors.form} />
      <section aria-labelledby={`${ids}-terms`} className="card space-y-4 p-5">
        <h2 id={`${ids}-terms`} className="font-semibold">Contract</h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Title" name="title" value={values.title} onChange={set("title")} error={errors.title} required className="sm:col-span-2 lg:col-span-4" />
          <div className="lg:col-span-2">
            <label htmlFor={`${ids}-type`} className="mb-1 block text-sm font-medium text-slate-700">Type</label>
            <select id={`${ids}-type`} name="type" className="input" value={values.type} onChange={set("type")} aria-invalid={errors.type ? true : undefined}>
              {CONTRACT_TYPES.map((t) => <option key={t} value={t}>{CONTRACT_TYPE_LABELS[t]}</option>)}
            </select>
            {errors.type ? <p role="alert" className="mt-1 text-sm text-red-600">{errors.type}</p> : null}
          </div>
          <Field label="Currency" name="currency" value={values.currency} onChange={set("currency")} error={errors.currency} maxLength={3} autoCapitalize="characters" hint="3-letter code, e.g. USD" />
          <Field label="Total value" name="totalValue" inputMode="decimal" value={values.totalValue} onChange={set("totalValue")} error={errors.totalValue} required />
          <Field label="Start date" name="startDate" type="date" value={values.startDate} onChange={set("startDate")} error={errors.startDate} required />
          <Field label="End date" name="endDate" type="date" value={values.endDate} onChange={set("endDate")} error={errors.endDate} hint="Leave empty for an open-ended contract" />
          <Field label="Payment terms" name="paymentTerms" value={values.paymentTerms} onChange={set("paymentTerms")} error={errors.paymentTerms} placeholder="Net 30" className="sm:col-span-2" />
        </div>
        <div className="space-y-3">
          <Check label="Renews automatically at the end of its term" checked={values.autoRenew} onChange={(autoRenew) => change({ ...values, autoRenew }, "autoRenew", "endDate")} error={errors.autoRenew} />
          {values.autoRenew || values.renewalTerms ? (
            <TextArea label="Renewal terms" value={values.renewalTerms} onChange={set("renewalTerms")} error={errors.renewalTerms} rows={3} />
          ) : null}
          <Check label="The client signs it (through a signing link we email them)" checked={values.clientSignatureRequired}
            onChange={(clientSignatureRequired) => change({ ...values, clientSignatureRequired }, "clientSignatureRequired")} error={errors.clientSignatureRequired}
            hint={values.clientSignatureRequired ? undefined : "Only someone in your organization signs it."} />
        </div>
      </section>

      <section aria-labelledby={`${ids}-schedule`} className="card p-5">
        <h2 id={`${ids}-schedule`} className="mb-1 font-semibold">Payment schedule</h2>
        <p className="mb-3 text-sm text-slate-600">The instalments must add up to the total value exactly.</p>
        {errors.paymentSchedule ? <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{errors.paymentSchedule}</p> : null}

        <div className="mb-4 flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" role="group" aria-label="Split the total into instalments">
          <span className="pb-2 font-medium">Split into</span>
          <input aria-label="Number of instalments" type="number" min={1} max={120} inputMode="numeric" className="input w-20" value={split.frequency === "once" ? "1" : split.count}
            disabled={split.frequency === "once"} onChange={(e) => setSplit({ ...split, count: e.target.value })} />
          <select aria-label="How often" className="input w-auto" value={split.frequency} onChange={(e) => setSplit({ ...split, frequency: e.target.value as ScheduleFrequency })}>
            {(Object.keys(SCHEDULE_FREQUENCIES) as ScheduleFrequency[]).map((f) => <option key={f} value={f}>{FREQUENCY_LABELS[f]}</option>)}
          </select>
          <span className="pb-2">instalments from</span>
          <input aria-label="First due date" type="date" className="input w-auto" value={split.from} onChange={(e) => setSplit({ ...split, from: e.target.value })} />
          <button type="button" className="btn-secondary" disabled={!hydrated} onClick={splitSchedule}>Split</button>
          {splitError ? <p role="alert" className="w-full text-sm text-red-600">{splitError}</p> : null}
        </div>

        {values.paymentSchedule.length === 0 ? (
          <p className="mb-3 rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600">No instalments yet. Split the total or add one.</p>
        ) : (
          <ol className="mb-3 space-y-3 sm:space-y-2" aria-label="Instalments">
            <li aria-hidden="true" className="hidden grid-cols-[10rem_9rem_1fr_2.5rem] gap-2 px-1 text-xs font-medium uppercase tracking-wide text-slate-500 sm:grid">
              <span>Due date</span><span>Amount</span><span>Description</span><span />
            </li>
            {values.paymentSchedule.map((r, i) => {
              const n = i + 1;
              const err = [rowError(i, "dueDate"), rowError(i, "amount"), rowError(i, "description")].filter(Boolean);
              return (
                <li key={r.key} className="rounded-md border border-slate-200 p-3 sm:border-0 sm:p-0">
                  <p className="mb-2 text-xs font-medium text-slate-500 sm:hidden">Instalment {n}</p>
                  <div className="grid grid-cols-2 gap-2 sm:grid-cols-[10rem_9rem_1fr_2.5rem]">
                    <input aria-label={`Due date, instalment ${n}`} type="date" className="input" value={r.dueDate}
                      aria-invalid={rowError(i, "dueDate") ? true : undefined} onChange={(e) => setRow(i, { dueDate: e.target.value })} />
                    <input aria-label={`Amount, instalment ${n}`} inputMode="decimal" className="input text-right tabular-nums" value={r.amount}
                      aria-invalid={rowError(i, "amount") ? true : undefined} onChange={(e) => setRow(i, { amount: e.target.value })} />
                    <input aria-label={`Description, instalment ${n}`} className="input col-span-2 sm:col-span-1" value={r.description} maxLength={200}
                      aria-invalid={rowError(i, "description") ? true : undefined} onChange={(e) => setRow(i, { description: e.target.value })} />
                    <button type="button" className="btn-secondary col-span-2 px-2 sm:col-span-1" aria-label={`Remove instalment ${n}`}
                      onClick={() => setSchedule(values.paymentSchedule.filter((_, j) => j !== i))}>
                      <span aria-hidden="true">✕</span><span className="sm:hidden">Remove</span>
                    </button>
                  </div>
                  {err.map((m, k) => <p key={k} role="alert" className="mt-1 text-xs text-red-600">{m}</p>)}
                </li>
              );
            })}
          </ol>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <button type="button" className="btn-secondary"
            onClick={() => setSchedule([...values.paymentSchedule, { key: newKey(), dueDate: values.paymentSchedule.at(-1)?.dueDate ?? values.startDate, amount: "", description: "" }])}>
            Add instalment
          </button>
          <p role="status" aria-live="polite" data-testid="schedule-check" className={`text-sm font-medium ${check.ok ? "text-emerald-700" : "text-amber-700"}`}>{check.text}</p>
        </div>
      </section>

      <section aria-labelledby={`${ids}-body`} className="card space-y-4 p-5">
        <h2 id={`${ids}-body`} className="font-semibold">Terms</h2>
        <TextArea label="Contract terms" value={values.body} onChange={set("body")} error={errors.body} rows={12}
          hint="What the parties sign. Sending for signature freezes it." />
      </section>

      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={!hydrated || pending}>{pending ? "Saving…" : target.kind === "create" ? "Create draft contract" : "Save changes"}</button>
        <Link href={cancelHref} className="btn-secondary">Cancel</Link>
      </div>
    </form>
  );
}

function Check({ label, checked, onChange, error, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; error?: string; hint?: string }) {
  const id = useId();
  return (
    <div>
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id} className="text-sm text-slate-800">{label}</label>
      </div>
      {hint ? <p className="ml-6 mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? <p role="alert" className="ml-6 mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}

function TextArea({ label, value, onChange, error, rows = 4, hint }: { label: string; value: string; onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => void; error?: string; rows?: number; hint?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={rows} className="input" value={value} onChange={onChange} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} />
      {hint && !error ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}
