"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

export function DeleteProductButton({ orgSlug, id, name }: { orgSlug: string; id: string; name: string }) {
  const router = useRouter();
  const remove = api.products.delete.useMutation();
  return (
    <ConfirmButton label="Delete" title={`Delete “${name}”?`} confirmLabel="Delete product"
      body="It leaves the catalog. To stop offering it but keep it, untick Active instead."
      onConfirm={async () => { await remove.mutateAsync({ id }); router.push(`/${orgSlug}/products`); router.refresh(); }} />
  );
}
