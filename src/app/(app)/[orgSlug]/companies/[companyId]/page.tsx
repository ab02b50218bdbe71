import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteCompanyButton } from "@/features/companies/components/delete-company-button";
import { RecordWork } from "@/features/records/components/record-work";
import { Timeline } from "@/features/timeline/components/timeline";
import { formatDate } from "@/lib/dates";
import { humanize } from "@/lib/labels";
import { formatMoney } from "@/lib/money";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Company" };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm">{children ?? "—"}</dd>
    </div>
  );
}

export default async function CompanyPage({ params }: { params: Promise<{ orgSlug: string; companyId: string }> }) {
  const { orgSlug, companyId } = await params;
  if (!isUuid(companyId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, c] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.companies.get({ id: companyId }))]);
  const address = [c.streetAddress, c.city, c.state, c.zipCode, c.country].filter(Boolean).join(", ");
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/companies`} className="text-brand-700 hover:underline">Companies</Link></nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{c.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {humanize(c.lifecycle)} · {humanize(c.tier)} tier{c.industry ? ` · ${c.industry}` : ""}{c.isActive ? "" : " · Inactive"}
          </p>
        </div>
        <div className="flex gap-2">
          {org.permissions.includes("companies:write") ? <Link href={`/${orgSlug}/companies/${c.id}/edit`} className="btn-secondary">Edit</Link> : null}
          {org.permissions.includes("companies:delete") ? <DeleteCompanyButton orgSlug={orgSlug} id={c.id} name={c.name} /> : null}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details" className="card p-5">
            <h2 id="details" className="mb-4 font-semibold">Details</h2>
            <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              <Fact label="Website">{c.website ? <a href={c.website} className="text-brand-700 hover:underline" rel="noreferrer noopener" target="_blank">{c.domain ?? c.website}</a> : null}</Fact>
              <Fact label="Email">{c.email}</Fact>
              <Fact label="Phone">{c.phone}</Fact>
              <Fact label="Address">{address || null}</Fact>
              <Fact label="Employees">{c.employeeCount?.toLocaleString("en-US")}</Fact>
              <Fact label="Annual revenue">{c.annualRevenue ? formatMoney(c.annualRevenue, c.currency) : null}</Fact>
              <Fact label="Owner">{c.owner?.fullName}</Fact>
              <Fact label="Onboarded">{c.onboardedDate ? formatDate(c.onboardedDate) : null}</Fact>
              <Fact label="Contract">{c.contractStartDate || c.contractEndDate ? `${c.contractStartDate ? formatDate(c.contractStartDate) : "?"} – ${c.contractEndDate ? formatDate(c.contractEndDate) : "open"}` : null}</Fact>
              <Fact label="Business type">{c.businessType ? humanize(c.businessType) : null}</Fact>
              <Fact label="External id">{c.externalId}</Fact>
              <Fact label="Created">{formatDate(c.createdAt)}{c.creator ? ` by ${c.creator.fullName}` : ""}</Fact>
            </dl>
          </section>
          <section aria-labelledby="contacts" className="card p-5">
            <h2 id="contacts" className="mb-3 font-semibold">Contacts</h2>
            {c.contactLinks.length === 0 ? (
              <p className="text-sm text-slate-600">No contacts linked to this company yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {c.contactLinks.map(({ contact, isPrimary }) => (
                  <li key={contact.id} className="py-2 text-sm">
                    <Link href={`/${orgSlug}/contacts/${contact.id}`} className="font-medium text-brand-700 hover:underline">{contact.fullName}</Link>
                    {isPrimary ? <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">Primary</span> : null}
                    <span className="block text-slate-500">{[contact.title, contact.email, contact.phone].filter(Boolean).join(" · ")}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <RecordWork orgSlug={orgSlug} links={{ companyId: c.id }} permissions={org.permissions} />
        </div>
        <section aria-labelledby="activity" className="card p-5">
          <h2 id="activity" className="mb-3 font-semibold">Activity</h2>
          <Timeline events={c.timeline} />
        </section>
      </div>
    </div>
  );
}
