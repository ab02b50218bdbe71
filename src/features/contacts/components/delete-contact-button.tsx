"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

export function DeleteContactButton({ orgSlug, id, name }: { orgSlug: string; id: string; name: string }) {
  const router = useRouter();
  const remove = api.contacts.delete.useMutation();
  return (
    <ConfirmButton label="Delete" title={`Delete ${name}?`} confirmLabel="Delete contact"
      body={<p>This removes the contact and their links to companies. This cannot be undone.</p>}
      onConfirm={async () => {
        await remove.mutateAsync({ id });
        router.push(`/${orgSlug}/contacts`);
        router.refresh();
      }} />
  );
}
