import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { type RawSearchParams, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PipelineSettings } from "@/features/pipelines/components/pipeline-settings";
import { SettingsSkeleton } from "@/features/pipelines/components/settings-skeleton";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Pipeline settings" };

async function Editor({ orgSlug, selectedId }: { orgSlug: string; selectedId?: string }) {
  const pipelines = await orNotFound((await serverApi(orgSlug)).pipelines.settings());
  return <PipelineSettings orgSlug={orgSlug} initial={pipelines} initialSelectedId={selectedId} />;
}

/** Where Owners and Admins shape the pipelines: stages, their order, odds and rotting alerts. */
export default async function PipelineSettingsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const { pipeline } = plainParams(await searchParams);
  const org = await orNotFound((await serverApi(orgSlug)).organizations.current());
  const canAdmin = org.permissions.includes("pipelines:admin");
  return (
    <div>
      <PageHeader title="Pipeline settings" description="Pipelines and their stages, as every board in the organization shows them."
        actions={<Link href={`/${orgSlug}/pipeline${pipeline && isUuid(pipeline) ? `/${pipeline}` : ""}`} className="btn-secondary">Back to the board</Link>} />
      {canAdmin ? (
        // The header shows at once; the editor streams in behind a skeleton of its own shape.
        <Suspense fallback={<SettingsSkeleton />}>
          <Editor orgSlug={orgSlug} selectedId={pipeline && isUuid(pipeline) ? pipeline : undefined} />
        </Suspense>
      ) : (
        <EmptyState title="Only admins can change pipelines"
          action={<Link href={`/${orgSlug}/pipeline`} className="btn-primary">Go to the board</Link>}>
          <p>Your role ({org.role.name}) can work deals on the board, but adding, renaming or reordering pipelines and stages needs an Owner or Admin.</p>
        </EmptyState>
      )}
    </div>
  );
}
