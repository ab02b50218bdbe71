"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useHydrated } from "@/components/use-hydrated";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { BILLING_TYPES, BILLING_TYPE_LABELS, productFieldsSchema } from "../products.schema";

export interface ProductFormValues {
  name: string; sku: string; description: string; unitPrice: string; currency: string; billingType: string; taxRate: string; isActive: boolean;
}
export const EMPTY_PRODUCT: ProductFormValues = { name: "", sku: "", description: "", unitPrice: "", currency: "USD", billingType: "one_time", taxRate: "0", isActive: true };

/** Create or edit a product; the same schema checks it here and on the server. */
export function ProductForm({ orgSlug, id, initial }: { orgSlug: string; id?: string; initial: ProductFormValues }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const create = api.products.create.useMutation();
  const update = api.products.update.useMutation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (key: keyof ProductFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValues({ ...values, [key]: e.target.value });
  const pending = create.isPending || update.isPending;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(productFieldsSchema, values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      if (id) await update.mutateAsync({ id, values: checked.data });
      else await create.mutateAsync(checked.data);
      router.push(`/${orgSlug}/products`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4 p-5" aria-label={id ? "Edit product" : "New product"}>
      <FormError message={errors.form} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" value={values.name} onChange={set("name")} error={errors.name} required />
        <Field label="SKU" name="sku" value={values.sku} onChange={set("sku")} error={errors.sku} hint="Unique in your catalog; optional" />
        <Field label="Unit price" name="unitPrice" inputMode="decimal" value={values.unitPrice} onChange={set("unitPrice")} error={errors.unitPrice} required />
        <Field label="Currency" name="currency" value={values.currency} onChange={set("currency")} error={errors.currency} maxLength={3} />
        <SelectField label="Billing" name="billingType" value={values.billingType} onChange={set("billingType")} error={errors.billingType}
          options={BILLING_TYPES.map((b) => ({ value: b, label: BILLING_TYPE_LABELS[b] }))} />
        <Field label="Tax rate (%)" name="taxRate" inputMode="decimal" value={values.taxRate} onChange={set("taxRate")} error={errors.taxRate} />
      </div>
      <div>
        <label htmlFor="description" className="mb-1 block text-sm font-medium text-slate-700">Description</label>
        <textarea id="description" name="description" rows={3} className="input" value={values.description} onChange={set("description")} />
        {errors.description ? <p className="mt-1 text-sm text-red-600">{errors.description}</p> : null}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.isActive} onChange={(e) => setValues({ ...values, isActive: e.target.checked })} className="h-4 w-4" />
        Active (offered on new proposals)
      </label>
      <button type="submit" className="btn-primary" disabled={!hydrated || pending}>{pending ? "Saving…" : id ? "Save product" : "Create product"}</button>
    </form>
  );
}
