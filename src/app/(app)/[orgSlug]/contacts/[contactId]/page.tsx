import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteContactButton } from "@/features/contacts/components/delete-contact-button";
import { RecordWork } from "@/features/records/components/record-work";
import { Timeline } from "@/features/timeline/components/timeline";
import { isUuid } from "@/lib/ids";
import { humanize } from "@/lib/labels";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ orgSlug: string; contactId: string }> }) {
  const { orgSlug, contactId } = await params;
  if (!isUuid(contactId)) notFound();
  const api = await serverApi(orgSlug);
  const [org, c] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.contacts.get({ id: contactId }))]);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/${orgSlug}/contacts`} className="text-brand-700 hover:underline">Contacts</Link></nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{c.fullName}</h1>
          <p className="mt-1 text-sm text-slate-600">{[c.title, humanize(c.type)].filter(Boolean).join(" · ")}</p>
        </div>
        <div className="flex gap-2">
          {org.permissions.includes("contacts:write") ? <Link href={`/${orgSlug}/contacts/${c.id}/edit`} className="btn-secondary">Edit</Link> : null}
          {org.permissions.includes("contacts:delete") ? <DeleteContactButton orgSlug={orgSlug} id={c.id} name={c.fullName} /> : null}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
        <section aria-labelledby="details" className="card p-5">
          <h2 id="details" className="mb-4 font-semibold">Details</h2>
          <dl className="grid gap-4 sm:grid-cols-2">
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Email</dt><dd className="break-words text-sm">{c.email ? <a className="text-brand-700 hover:underline" href={`mailto:${c.email}`}>{c.email}</a> : "—"}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Phone</dt><dd className="text-sm">{c.phone ? <a className="text-brand-700 hover:underline" href={`tel:${c.phone}`}>{c.phone}</a> : "—"}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Role</dt><dd className="text-sm">{c.role ?? "—"}</dd></div>
            <div><dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Owner</dt><dd className="text-sm">{c.owner?.fullName ?? "—"}</dd></div>
            <div className="sm:col-span-2">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Companies</dt>
              <dd className="text-sm">
                {c.companyLinks.length === 0 ? "—" : (
                  <ul className="mt-1 space-y-1">
                    {c.companyLinks.map((l) => (
                      <li key={l.company.id}>
                        <Link href={`/${orgSlug}/companies/${l.company.id}`} className="text-brand-700 hover:underline">{l.company.name}</Link>
                        {l.isPrimary ? <span className="ml-2 text-xs text-slate-500">primary</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </section>
        <RecordWork orgSlug={orgSlug} links={{ contactId: c.id }} permissions={org.permissions} />
        </div>
        <section aria-labelledby="activity" className="card p-5">
          <h2 id="activity" className="mb-3 font-semibold">Activity</h2>
          <Timeline events={c.timeline} />
        </section>
      </div>
    </div>
  );
}
