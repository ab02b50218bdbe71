import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { orNotFound, serverApi } from "@/trpc/server";

/** The pipeline area opens on the default pipeline's board. */
export default async function PipelineIndex({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const pipelines = await orNotFound((await serverApi(orgSlug)).pipelines.list());
  if (pipelines[0]) redirect(`/${orgSlug}/pipeline/${pipelines[0].id}`);
  return <EmptyState title="No pipelines yet"><p>Pipelines hold your deals, stage by stage.</p></EmptyState>;
}
