import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ThresholdForm } from "@/features/proposals/components/proposal-settings-forms";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Proposal templates and settings" };

export default async function ProposalSettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, settings, templates] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.proposals.settings()), orNotFound(api.proposalTemplates.list())]);
  const can = (p: string) => org.permissions.includes(p);
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href={`/${orgSlug}/proposals`} className="text-brand-700 hover:underline">Proposals</Link></nav>
      <PageHeader title="Proposal templates and settings" />
      <section aria-labelledby="threshold" className="card p-5">
        <h2 id="threshold" className="mb-1 font-semibold">Discount approval</h2>
        <p className="mb-3 text-sm text-slate-600">A proposal whose discount is above this share of its subtotal cannot be sent until an approver (a Manager, Admin or Owner) approves it.</p>
        {can("organization:write") ? <ThresholdForm initial={settings.approvalThresholdPercent} /> : <p className="text-sm">Currently <strong>{settings.approvalThresholdPercent}%</strong>. Admins can change it.</p>}
      </section>
      <section aria-labelledby="templates">
        <div className="mb-3 flex items-center justify-between gap-3">
          <h2 id="templates" className="font-semibold">Templates</h2>
          {can("proposals:admin") ? <Link href={`/${orgSlug}/proposals/settings/templates/new`} className="btn-primary">New template</Link> : null}
        </div>
        {templates.length === 0 ? (
          <EmptyState title="No templates yet"><p>Templates hold the summary, scope, terms and custom sections new proposals start from.</p></EmptyState>
        ) : (
          <ul className="card divide-y divide-slate-100">
            {templates.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                <div>
                  {can("proposals:admin") ? <Link href={`/${orgSlug}/proposals/settings/templates/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.name}</Link> : <span className="font-medium">{t.name}</span>}
                  {t.description ? <p className="text-slate-600">{t.description}</p> : null}
                </div>
                <span className="text-slate-500">Valid {t.validForDays} days · {3 + t.customSections.length} sections</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
