"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { optionsOf } from "@/lib/labels";
import { api } from "@/trpc/react";
import { BUSINESS_TYPES, COMPANY_LIFECYCLES, COMPANY_TIERS, companyFieldsSchema } from "../companies.schema";
import type { CompanyFormValues } from "./company-form-values";

type Members = { id: string; name: string }[];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="card p-5">
      <legend className="sr-only">{title}</legend>
      <h2 aria-hidden="true" className="mb-4 font-semibold">{title}</h2>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

/** Create or edit a company. Keeps a draft across reloads until it is saved. */
export function CompanyForm({ orgSlug, companyId, initial, members }: {
  orgSlug: string;
  companyId?: string;
  initial: CompanyFormValues;
  members: Members;
}) {
  const router = useRouter();
  const draft = useDraft(`company:${orgSlug}:${companyId ?? "new"}`, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.companies.create.useMutation();
  const update = api.companies.update.useMutation();
  const busy = create.isPending || update.isPending;
  const v = draft.values;

  const text = (name: keyof CompanyFormValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={label} name={name} value={v[name]} error={errors[name]} onChange={(e) => draft.set(name, e.target.value)} {...props} />
  );

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(companyFieldsSchema, { ...v, isActive: v.isActive === "yes" });
    if (checked.errors) {
      setErrors(checked.errors);
      document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setErrors({});
    try {
      const saved = companyId
        ? await update.mutateAsync({ id: companyId, values: checked.data })
        : await create.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${orgSlug}/companies/${saved.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={companyId ? "Edit company" : "New company"}>
      <FormError message={errors.form} />
      <Section title="Basics">
        {text("name", "Name", { required: true, autoFocus: !companyId })}
        {text("dbaName", "Trading name (DBA)")}
        <SelectField label="Lifecycle" name="lifecycle" value={v.lifecycle} options={optionsOf(COMPANY_LIFECYCLES)} onChange={(e) => draft.set("lifecycle", e.target.value)} error={errors.lifecycle} />
        <SelectField label="Tier" name="tier" value={v.tier} options={optionsOf(COMPANY_TIERS)} onChange={(e) => draft.set("tier", e.target.value)} error={errors.tier} />
        {text("industry", "Industry")}
        <SelectField label="Business type" name="businessType" value={v.businessType} placeholder="Not set" options={optionsOf(BUSINESS_TYPES)} onChange={(e) => draft.set("businessType", e.target.value)} error={errors.businessType} />
        {text("phase", "Business phase")}
        <SelectField label="Owner" name="ownerId" value={v.ownerId} placeholder="Me" options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={(e) => draft.set("ownerId", e.target.value)} error={errors.ownerId} />
      </Section>
      <Section title="Reach">
        {text("website", "Website", { inputMode: "url", placeholder: "example.com" })}
        {text("email", "Email", { type: "email" })}
        {text("phone", "Phone", { type: "tel" })}
        {text("linkedinUrl", "LinkedIn")}
      </Section>
      <Section title="Address">
        {text("streetAddress", "Street address")}
        {text("city", "City")}
        {text("state", "State / region")}
        {text("zipCode", "ZIP / postal code")}
        {text("country", "Country")}
      </Section>
      <Section title="Size and money">
        {text("employeeCount", "Employees", { inputMode: "numeric" })}
        {text("yearsInBusiness", "Years in business", { inputMode: "numeric" })}
        {text("annualRevenue", "Annual revenue", { inputMode: "decimal", placeholder: "1250000" })}
        {text("currency", "Currency", { maxLength: 3 })}
      </Section>
      <Section title="Relationship">
        {text("onboardedDate", "Onboarded", { type: "date" })}
        {text("externalId", "External id")}
        {text("contractStartDate", "Contract start", { type: "date" })}
        {text("contractEndDate", "Contract end", { type: "date" })}
        <SelectField label="Status" name="isActive" value={v.isActive} options={[{ value: "yes", label: "Active" }, { value: "no", label: "Inactive" }]} onChange={(e) => draft.set("isActive", e.target.value)} />
      </Section>
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? "Saving…" : companyId ? "Save changes" : "Create company"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}
