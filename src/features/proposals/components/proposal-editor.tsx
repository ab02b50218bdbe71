"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { issuesToErrors } from "@/lib/form-errors";
import { formatMoney } from "@/lib/money";
import { api } from "@/trpc/react";
import { proposalTotals } from "../proposal-totals";
import { proposalFieldsSchema } from "../proposals.schema";
import { TotalsList } from "./totals-list";

export interface EditorLine { key: string; productId: string; description: string; quantity: string; unitPrice: string; discountPercent: string; taxRate: string }
export interface EditorValues {
  title: string; validUntil: string; executiveSummary: string; scopeOfWork: string; termsAndConditions: string;
  customSections: { key: string; title: string; body: string }[];
  lines: EditorLine[];
}
export interface CatalogProduct { id: string; name: string; sku: string | null; unitPrice: string; taxRate: string; description: string | null }
export interface EditorTemplate { id: string; name: string; executiveSummary: string | null; scopeOfWork: string | null; termsAndConditions: string | null; customSections: { title: string; body: string }[]; validForDays: number }

type Errors = Record<string, string | undefined>;

let counter = 0;
const newKey = () => `k${Date.now().toString(36)}${(counter++).toString(36)}`;
const looksDecimal = (s: string) => /^\d{1,13}(\.\d+)?$/.test(s.replace(/[,\s]/g, ""));
const clean = (s: string) => (looksDecimal(s) ? s.replace(/[,\s]/g, "") : "0");

/** The proposal editor: sections, catalog and free-form lines, live totals (the same proposal-totals.ts the server stores). */
export function ProposalEditor({ orgSlug, currency, products, templates, initial, target }: {
  orgSlug: string;
  currency: string;
  products: CatalogProduct[];
  templates?: EditorTemplate[];
  initial: EditorValues;
  target: { kind: "create"; opportunityId: string } | { kind: "edit"; id: string; newVersion: number | null };
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const create = api.proposals.create.useMutation();
  const update = api.proposals.update.useMutation();
  const [values, setValues] = useState(initial);
  const [templateId, setTemplateId] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [addProduct, setAddProduct] = useState(products[0]?.id ?? "");
  const pending = create.isPending || update.isPending;
  const ids = useId();

  const totals = proposalTotals(values.lines.map((l) => ({ quantity: clean(l.quantity), unitPrice: clean(l.unitPrice), discountPercent: clean(l.discountPercent), taxRate: clean(l.taxRate) })));
  const money = (v: string) => formatMoney(v, currency);
  const set = (key: "title" | "validUntil" | "executiveSummary" | "scopeOfWork" | "termsAndConditions") =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues({ ...values, [key]: e.target.value });
  const setLine = (index: number, patch: Partial<EditorLine>) => setValues({ ...values, lines: values.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) });
  const setSection = (index: number, patch: Partial<{ title: string; body: string }>) =>
    setValues({ ...values, customSections: values.customSections.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  function addCatalogLine() {
    const p = products.find((x) => x.id === addProduct);
    if (!p) return;
    setValues({ ...values, lines: [...values.lines, { key: newKey(), productId: p.id, description: p.name, quantity: "1", unitPrice: p.unitPrice, discountPercent: "0", taxRate: p.taxRate }] });
  }
  const addFreeLine = () => setValues({ ...values, lines: [...values.lines, { key: newKey(), productId: "", description: "", quantity: "1", unitPrice: "", discountPercent: "0", taxRate: "0" }] });

  function applyTemplate(id: string) {
    setTemplateId(id);
    const t = templates?.find((x) => x.id === id);
    if (!t) return;
    const valid = new Date(Date.now() + t.validForDays * 86_400_000).toISOString().slice(0, 10);
    setValues({
      ...values,
      validUntil: values.validUntil || valid,
      executiveSummary: values.executiveSummary || (t.executiveSummary ?? ""),
      scopeOfWork: values.scopeOfWork || (t.scopeOfWork ?? ""),
      termsAndConditions: values.termsAndConditions || (t.termsAndConditions ?? ""),
      customSections: values.customSections.length ? values.customSections : t.customSections.map((s) => ({ key: newKey(), ...s })),
    });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const payload = {
      ...values,
      customSections: values.customSections.map(({ title, body }) => ({ title, body })),
      lines: values.lines.map(({ productId, description, quantity, unitPrice, discountPercent, taxRate }) => ({ productId, description, quantity, unitPrice, discountPercent, taxRate })),
    };
    const parsed = proposalFieldsSchema.safeParse(payload);
    if (!parsed.success) {
      return setErrors({ ...issuesToErrors(parsed.error.issues), form: "Some fields need your attention: see the messages below." });
    }
    setErrors({});
    try {
      const saved = target.kind === "create"
        ? await create.mutateAsync({ ...parsed.data, opportunityId: target.opportunityId, templateId: templateId || null })
        : await update.mutateAsync({ id: target.id, values: parsed.data });
      router.push(`/${orgSlug}/proposals/${saved.id}`);
      router.refresh();
    } catch (error) {
      const e = error as { message: string; data?: { field?: string } | null };
      setErrors({ form: e.message, ...(e.data?.field ? { [e.data.field]: e.message } : {}) });
    }
  }

  const lineError = (i: number, field: string) => errors[`lines.${i}.${field}`];
  const cell = "px-2 py-2 align-top";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={target.kind === "create" ? "New proposal" : "Edit proposal"}>
      <FormError message={errors.form} />
      {target.kind === "edit" && target.newVersion ? (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          This proposal was already sent. Saving keeps that version as it was and creates version {target.newVersion} as a draft.
        </p>
      ) : null}
      <section aria-labelledby={`${ids}-basics`} className="card space-y-4 p-5">
        <h2 id={`${ids}-basics`} className="font-semibold">Proposal</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Title" name="title" value={values.title} onChange={set("title")} error={errors.title} required className="sm:col-span-2" />
          <Field label="Valid until" name="validUntil" type="date" value={values.validUntil} onChange={set("validUntil")} error={errors.validUntil} />
          {templates && templates.length ? (
            <div>
              <label htmlFor={`${ids}-template`} className="mb-1 block text-sm font-medium text-slate-700">Start from a template</label>
              <select id={`${ids}-template`} className="input" value={templateId} onChange={(e) => applyTemplate(e.target.value)}>
                <option value="">No template</option>
                {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby={`${ids}-lines`} className="card p-5">
        <h2 id={`${ids}-lines`} className="mb-3 font-semibold">Line items</h2>
        {errors.lines ? <p role="alert" className="mb-2 text-sm text-red-600">{errors.lines}</p> : null}
        {values.lines.length === 0 ? (
          <p className="mb-3 rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600">No lines yet. Add products from your catalog or a free-form line.</p>
        ) : (
          <div className="mb-3 overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">Line items</caption>
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-2 py-2">Description</th>
                  <th scope="col" className="w-24 px-2 py-2">Qty</th>
                  <th scope="col" className="w-32 px-2 py-2">Unit price</th>
                  <th scope="col" className="w-24 px-2 py-2">Discount %</th>
                  <th scope="col" className="w-24 px-2 py-2">Tax %</th>
                  <th scope="col" className="w-32 px-2 py-2 text-right">Amount</th>
                  <th scope="col" className="w-10 px-2 py-2"><span className="sr-only">Remove</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {values.lines.map((l, i) => {
                  const n = i + 1;
                  const input = (field: "quantity" | "unitPrice" | "discountPercent" | "taxRate", label: string) => (
                    <>
                      <input aria-label={`${label}, line ${n}`} inputMode="decimal" className="input" value={l[field]}
                        aria-invalid={lineError(i, field) ? true : undefined} onChange={(e) => setLine(i, { [field]: e.target.value })} />
                      {lineError(i, field) ? <p role="alert" className="mt-1 text-xs text-red-600">{lineError(i, field)}</p> : null}
                    </>
                  );
                  const product = products.find((p) => p.id === l.productId);
                  return (
                    <tr key={l.key}>
                      <td className={cell}>
                        <input aria-label={`Description, line ${n}`} className="input" value={l.description} aria-invalid={lineError(i, "description") ? true : undefined}
                          onChange={(e) => setLine(i, { description: e.target.value })} />
                        <p className="mt-1 text-xs text-slate-500">{l.productId ? `Catalog: ${product?.sku ? `${product.sku} · ` : ""}${product?.name ?? "product"}` : "Free-form"}</p>
                        {lineError(i, "description") ? <p role="alert" className="mt-1 text-xs text-red-600">{lineError(i, "description")}</p> : null}
                      </td>
                      <td className={cell}>{input("quantity", "Quantity")}</td>
                      <td className={cell}>{input("unitPrice", "Unit price")}</td>
                      <td className={cell}>{input("discountPercent", "Discount %")}</td>
                      <td className={cell}>{input("taxRate", "Tax %")}</td>
                      <td className={`${cell} pt-4 text-right tabular-nums`} aria-label={`Amount, line ${n}`}>{money(totals.lines[i]!.total)}</td>
                      <td className={cell}>
                        <button type="button" className="btn-secondary px-2" aria-label={`Remove line ${n}`}
                          onClick={() => setValues({ ...values, lines: values.lines.filter((_, j) => j !== i) })}>✕</button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="flex flex-wrap items-end gap-2">
          {products.length ? (
            <>
              <div>
                <label htmlFor={`${ids}-product`} className="mb-1 block text-sm font-medium text-slate-700">Catalog product</label>
                <select id={`${ids}-product`} className="input" value={addProduct} onChange={(e) => setAddProduct(e.target.value)}>
                  {products.map((p) => <option key={p.id} value={p.id}>{p.name} ({money(p.unitPrice)})</option>)}
                </select>
              </div>
              <button type="button" className="btn-secondary" onClick={addCatalogLine}>Add product line</button>
            </>
          ) : <p className="text-sm text-slate-600">Your catalog has no active products yet.</p>}
          <button type="button" className="btn-secondary" onClick={addFreeLine}>Add free-form line</button>
        </div>
        <TotalsList totals={totals} currency={currency} testIdPrefix="editor" className="mt-5" />
      </section>

      <section aria-labelledby={`${ids}-sections`} className="card space-y-4 p-5">
        <h2 id={`${ids}-sections`} className="font-semibold">Sections</h2>
        <TextArea label="Executive summary" value={values.executiveSummary} onChange={set("executiveSummary")} error={errors.executiveSummary} />
        <TextArea label="Scope of work" value={values.scopeOfWork} onChange={set("scopeOfWork")} error={errors.scopeOfWork} />
        <TextArea label="Terms and conditions" value={values.termsAndConditions} onChange={set("termsAndConditions")} error={errors.termsAndConditions} />
        {values.customSections.map((s, i) => (
          <fieldset key={s.key} className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">Custom section {i + 1}</legend>
            <Field label="Section title" name={`section-${i}-title`} value={s.title} onChange={(e) => setSection(i, { title: e.target.value })} error={errors[`customSections.${i}.title`]} />
            <TextArea label="Section text" value={s.body} onChange={(e) => setSection(i, { body: e.target.value })} error={errors[`customSections.${i}.body`]} />
            <button type="button" className="btn-secondary mt-2" onClick={() => setValues({ ...values, customSections: values.customSections.filter((_, j) => j !== i) })}>Remove section {i + 1}</button>
          </fieldset>
        ))}
        <button type="button" className="btn-secondary" onClick={() => setValues({ ...values, customSections: [...values.customSections, { key: newKey(), title: "", body: "" }] })}>Add a custom section</button>
      </section>

      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={!hydrated || pending}>{pending ? "Saving…" : target.kind === "edit" && target.newVersion ? `Save as version ${target.newVersion}` : "Save draft"}</button>
      </div>
    </form>
  );
}

function TextArea({ label, value, onChange, error }: { label: string; value: string; onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => void; error?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={4} className="input" value={value} onChange={onChange} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">{error}</p> : null}
    </div>
  );
}
