import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailItem } from "@/components/ui/detail-item";
import { DeleteLeadButton } from "@/features/leads/components/delete-lead-button";
import { EnrichButton } from "@/features/leads/components/enrich-button";
import { ScoreBreakdown } from "@/features/leads/components/score-breakdown";
import { RecordWork } from "@/features/records/components/record-work";
import { Timeline } from "@/features/timeline/components/timeline";
import { formatDate, formatDateTime } from "@/lib/dates";
import { isUuid } from "@/lib/ids";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ orgSlug: string; leadId: string }> }) {
  const { orgSlug, leadId } = await params;
  if (!isUuid(leadId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, lead] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.leads.get({ id: leadId }))]);
  const can = (p: string) => org.permissions.includes(p);
  const open = !["converted", "lost", "unqualified"].includes(lead.status);
  const note = (lead.sourceDetails as { note?: string }).note;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/leads`} className="text-brand-700 hover:underline">Leads</Link></nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{lead.company.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {humanize(lead.status)} · {humanize(lead.nurtureStatus)} · {humanize(lead.source)}
            {lead.tags.map((t) => <span key={t.tag.name} className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t.tag.name}</span>)}
          </p>
        </div>
        <div className="flex gap-2">
          {open && can("leads:write") && can("opportunities:write") ? <Link href={`/${orgSlug}/leads/${lead.id}/convert`} className="btn-primary">Convert to deal</Link> : null}
          {can("leads:write") ? <Link href={`/${orgSlug}/leads/${lead.id}/edit`} className="btn-secondary">Edit</Link> : null}
          {can("leads:delete") ? <DeleteLeadButton orgSlug={orgSlug} id={lead.id} name={lead.company.name} /> : null}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details" className="card p-5">
            <h2 id="details" className="mb-4 font-semibold">Details</h2>
            <dl className="grid gap-4 sm:grid-cols-3">
              <DetailItem label="Company"><Link href={`/${orgSlug}/companies/${lead.company.id}`} className="text-brand-700 hover:underline">{lead.company.name}</Link>{lead.company.industry ? ` · ${lead.company.industry}` : ""}</DetailItem>
              <DetailItem label="Contact">{lead.contact ? <Link href={`/${orgSlug}/contacts/${lead.contact.id}`} className="text-brand-700 hover:underline">{lead.contact.fullName}</Link> : null}</DetailItem>
              <DetailItem label="Phone">{lead.contact?.phone ?? lead.company.phone ? <a className="text-brand-700 hover:underline" href={`tel:${lead.contact?.phone ?? lead.company.phone}`}>{lead.contact?.phone ?? lead.company.phone}</a> : null}</DetailItem>
              <DetailItem label="Email">{lead.contact?.email ?? lead.company.email ? <a className="text-brand-700 hover:underline" href={`mailto:${lead.contact?.email ?? lead.company.email}`}>{lead.contact?.email ?? lead.company.email}</a> : null}</DetailItem>
              <DetailItem label="Assigned to">{lead.assignee ? `${lead.assignee.fullName}${lead.assignedAt ? ` since ${formatDate(lead.assignedAt)}` : ""}` : null}</DetailItem>
              <DetailItem label="Source details">{note}</DetailItem>
              <DetailItem label="Preferred contact">{lead.preferredContactMethod ? humanize(lead.preferredContactMethod) : null}</DetailItem>
              <DetailItem label="Best time to call">{lead.bestCallTime}</DetailItem>
              <DetailItem label="Time zone">{lead.timezone}</DetailItem>
              <DetailItem label="First contact">{lead.firstContactAt ? formatDateTime(lead.firstContactAt) : null}</DetailItem>
              <DetailItem label="Last contact">{lead.lastContactAt ? formatDateTime(lead.lastContactAt) : null}</DetailItem>
              <DetailItem label="Contact attempts">{lead.contactAttempts}</DetailItem>
              <DetailItem label="Qualified">{lead.qualifiedAt ? `${formatDate(lead.qualifiedAt)}${lead.qualifier ? ` by ${lead.qualifier.fullName}` : ""}` : null}</DetailItem>
              <DetailItem label="Converted">{lead.convertedAt ? `${formatDate(lead.convertedAt)}${lead.conversionValue ? ` · ${formatMoney(lead.conversionValue, lead.company.currency)}` : ""}` : null}</DetailItem>
              {lead.lostReason ? <DetailItem label="Lost reason">{lead.lostReason}</DetailItem> : null}
            </dl>
            {lead.opportunities.length ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="mb-2 text-sm font-semibold">Deals from this lead</h3>
                <ul className="space-y-1 text-sm">
                  {lead.opportunities.map((o) => (
                    <li key={o.id}><Link href={`/${orgSlug}/deals/${o.id}`} className="text-brand-700 hover:underline">{o.name}</Link> · {formatMoney(o.value, o.currency)} · {o.stage.name}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
          <RecordWork orgSlug={orgSlug} links={{ leadId: lead.id }} permissions={org.permissions} />
        </div>
        <div className="space-y-6">
          <section aria-labelledby="score" className="card p-5">
            <div className="mb-3 flex items-center justify-between">
              <h2 id="score" className="font-semibold">Lead score</h2>
              <Link href={`/${orgSlug}/leads/scoring`} className="text-sm text-brand-700 hover:underline">Weights</Link>
            </div>
            <ScoreBreakdown score={lead.leadScore} breakdown={lead.scoreBreakdown} />
            {lead.scoredAt ? <p className="mt-2 text-xs text-slate-500">Computed {formatDateTime(lead.scoredAt)}</p> : null}
          </section>
          <section aria-labelledby="enrichment" className="card p-5">
            <h2 id="enrichment" className="mb-3 font-semibold">Enrichment</h2>
            {can("leads:write") ? <div className="mb-3"><EnrichButton leadId={lead.id} hasWebsite={Boolean(lead.company.website)} /></div> : null}
            {lead.enrichments.length ? (
              <ul className="space-y-3 text-sm">
                {lead.enrichments.map((e) => (
                  <li key={e.id}>
                    <div className="font-medium">{e.source} <span className="text-xs font-normal text-slate-500">{formatDateTime(e.fetchedAt)}</span></div>
                    <dl className="mt-1 grid grid-cols-2 gap-x-2 text-xs">
                      {Object.entries(e.data as Record<string, unknown>).filter(([, val]) => val !== null && val !== "" && !(Array.isArray(val) && !val.length)).slice(0, 12).map(([k, val]) => (
                        <div key={k} className="contents"><dt className="text-slate-500">{humanize(k)}</dt><dd className="break-words">{Array.isArray(val) ? val.join(", ") : String(val)}</dd></div>
                      ))}
                    </dl>
                  </li>
                ))}
              </ul>
            ) : <p className="text-sm text-slate-500">Nothing gathered yet.</p>}
          </section>
          <section aria-labelledby="activity" className="card p-5">
            <h2 id="activity" className="mb-3 font-semibold">Activity</h2>
            <Timeline events={lead.timeline} />
          </section>
        </div>
      </div>
    </div>
  );
}
