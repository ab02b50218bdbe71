"use client";

import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { api } from "@/trpc/react";

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const revoke = api.apiKeys.revoke.useMutation();
  return (
    <ConfirmButton label="Revoke" className="btn-secondary text-red-700" title={`Revoke “${name}”?`} confirmLabel="Revoke key"
      body="Anything using this key gets 401 from its next request. This cannot be undone: make a new key instead."
      onConfirm={async () => { await revoke.mutateAsync({ id }); router.refresh(); }} />
  );
}
