"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { optionsOf } from "@/lib/labels";
import { api } from "@/trpc/react";
import { CONTACT_TYPES, contactFieldsSchema } from "../contacts.schema";
import { CompanyPicker } from "@/features/companies/components/company-picker";
import type { ContactFormValues, PickedCompany } from "./contact-form-values";

export function ContactForm({ orgSlug, contactId, initial, members }: {
  orgSlug: string;
  contactId?: string;
  initial: ContactFormValues;
  members: { id: string; name: string }[];
}) {
  const router = useRouter();
  const draft = useDraft(`contact:${orgSlug}:${contactId ?? "new"}`, initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.contacts.create.useMutation();
  const update = api.contacts.update.useMutation();
  const v = draft.values;
  const companies = JSON.parse(v.companies) as PickedCompany[];

  const text = (name: keyof ContactFormValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field label={label} name={name} value={v[name]} error={errors[name]} onChange={(e) => draft.set(name, e.target.value)} {...props} />
  );

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const { companies: _c, ...fields } = v;
    const checked = validate(contactFieldsSchema, { ...fields, companyIds: companies.map((c) => c.id) });
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const saved = contactId ? await update.mutateAsync({ id: contactId, values: checked.data }) : await create.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${orgSlug}/contacts/${saved.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  const busy = create.isPending || update.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-5 p-5" aria-label={contactId ? "Edit contact" : "New contact"}>
      <FormError message={errors.form} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("firstName", "First name", { required: true, autoFocus: !contactId })}
        {text("lastName", "Last name")}
        {text("email", "Email", { type: "email" })}
        {text("phone", "Phone", { type: "tel" })}
        {text("title", "Title")}
        {text("role", "Role in the deal")}
        <SelectField label="Type" name="type" value={v.type} options={optionsOf(CONTACT_TYPES)} onChange={(e) => draft.set("type", e.target.value)} error={errors.type} />
        <SelectField label="Owner" name="ownerId" value={v.ownerId} placeholder="Me" options={members.map((m) => ({ value: m.id, label: m.name }))} onChange={(e) => draft.set("ownerId", e.target.value)} error={errors.ownerId} />
        <CompanyPicker value={companies} onChange={(next) => draft.set("companies", JSON.stringify(next))} error={errors.companyIds} />
      </div>
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={busy}>{busy ? "Saving…" : contactId ? "Save changes" : "Create contact"}</button>
        <button type="button" className="btn-secondary" onClick={() => { draft.clear(); router.back(); }}>Cancel</button>
      </div>
    </form>
  );
}
