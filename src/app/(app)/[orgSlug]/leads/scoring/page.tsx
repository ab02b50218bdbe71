import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ScoringWeightsForm } from "@/features/leads/components/scoring-weights-form";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Lead scoring" };

export default async function LeadScoringPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, weights] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.leads.scoringWeights())]);
  return (
    <div className="max-w-3xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/leads`} className="text-brand-700 hover:underline">Leads</Link></nav>
      <PageHeader title="Lead scoring" description="Each factor earns its share of 100 points in proportion to its weight. Every lead's page shows how its score was made." />
      <ScoringWeightsForm initial={weights} canEdit={org.permissions.includes("leads:admin")} />
    </div>
  );
}
