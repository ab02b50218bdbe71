"use client";

import { ErrorScreen } from "@/components/error-screen";

/** A designed failure for the proposals area: what happened and a way to retry. */
export default function ProposalsError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} variant="card" title="Proposals could not be loaded" safe="Your proposals are safe." />;
}
