import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/dates";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { items } = await orNotFound((await serverApi(orgSlug)).audit.list({ limit: 100 }));
  return (
    <div>
      <PageHeader title="Audit log" description="Every change in this organization: who, what and when." />
      {items.length === 0 ? (
        <EmptyState title="Nothing has changed yet" />
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Latest changes, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">When</th>
                <th scope="col" className="px-4 py-3">Who</th>
                <th scope="col" className="px-4 py-3">Action</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap px-4 py-3">{formatDateTime(entry.createdAt)}</td>
                  <td className="px-4 py-3">{entry.user?.fullName ?? "System"}</td>
                  <td className="px-4 py-3"><code className="rounded bg-slate-100 px-1">{entry.action}</code></td>
                  <td className="hidden px-4 py-3 md:table-cell">{entry.ipAddress ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
