"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/ui/field";
import { useDraft } from "@/components/use-draft";
import { type FieldErrors, errorsFromServer, validate } from "@/lib/form-errors";
import { api } from "@/trpc/react";
import { createOrganizationSchema } from "../organizations.schema";

export function CreateOrganizationForm() {
  const router = useRouter();
  const draft = useDraft("new-organization", { name: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = api.organizations.create.useMutation();

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const checked = validate(createOrganizationSchema, draft.values);
    if (checked.errors) return setErrors(checked.errors);
    setErrors({});
    try {
      const { slug } = await create.mutateAsync(checked.data);
      draft.clear();
      router.push(`/${slug}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error as Parameters<typeof errorsFromServer>[0]));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create an organization">
      <FormError message={errors.form} />
      <Field label="Organization name" name="name" value={draft.values.name} autoFocus required
        onChange={(e) => draft.set("name", e.target.value)} error={errors.name} />
      <button type="submit" className="btn-primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create organization"}
      </button>
    </form>
  );
}
