"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

/** Deletes an interaction from its own page, then goes back to the Activities list. */
export function DeleteInteractionButton({ orgSlug, id, title }: { orgSlug: string; id: string; title: string }) {
  const router = useRouter();
  const remove = api.interactions.delete.useMutation();
  return (
    <ConfirmButton label="Delete" title={`Delete “${title}”?`} confirmLabel="Delete activity"
      body={<p>It leaves the records it is on, and a lead&apos;s score is recomputed without it. This cannot be undone.</p>}
      onConfirm={async () => {
        await remove.mutateAsync({ id });
        router.push(`/${orgSlug}/activities`);
        router.refresh();
      }} />
  );
}
