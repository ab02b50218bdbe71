"use client";

import { ErrorScreen } from "@/components/error-screen";

/** A designed failure for the contracts area: what happened and a way to retry. */
export default function ContractsError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} variant="card" title="Contracts could not be loaded" safe="Your contracts are safe." />;
}
