import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { DealForm } from "@/features/opportunities/components/deal-form";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New deal" };

export default async function NewDealPage({ params }: { params: Promise<{ orgSlug: string; pipelineId: string }> }) {
  const { orgSlug, pipelineId } = await params;
  if (!isUuid(pipelineId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, pipelines] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.pipelines.list())]);
  const pipeline = pipelines.find((p) => p.id === pipelineId);
  if (!pipeline || !org.permissions.includes("opportunities:write")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title={`New deal in ${pipeline.name}`} />
      <DealForm orgSlug={orgSlug} pipelineId={pipeline.id} stages={pipeline.stages.filter((s) => !s.isWon && !s.isLost)} />
    </div>
  );
}
