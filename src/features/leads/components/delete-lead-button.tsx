"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

export function DeleteLeadButton({ orgSlug, id, name }: { orgSlug: string; id: string; name: string }) {
  const router = useRouter();
  const remove = api.leads.delete.useMutation();
  return (
    <ConfirmButton label="Delete" title={`Delete the ${name} lead?`} confirmLabel="Delete lead"
      body={<p>This removes the lead, its interactions and tasks. The company and any deals stay. This cannot be undone.</p>}
      onConfirm={async () => {
        await remove.mutateAsync({ id });
        router.push(`/${orgSlug}/leads`);
        router.refresh();
      }} />
  );
}
