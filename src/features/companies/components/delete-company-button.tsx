"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

export function DeleteCompanyButton({ orgSlug, id, name }: { orgSlug: string; id: string; name: string }) {
  const router = useRouter();
  const remove = api.companies.delete.useMutation();
  return (
    <ConfirmButton
      label="Delete"
      title={`Delete ${name}?`}
      body={<p>This removes the company, its contact links and its timeline. Contacts themselves stay. This cannot be undone.</p>}
      confirmLabel="Delete company"
      onConfirm={async () => {
        await remove.mutateAsync({ id });
        router.push(`/${orgSlug}/companies`);
        router.refresh();
      }}
    />
  );
}
