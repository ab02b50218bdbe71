import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatRelative } from "@/lib/dates";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const members = await orNotFound((await serverApi(orgSlug)).members.list({}));
  return (
    <div>
      <PageHeader title="Members" description={`${members.length} ${members.length === 1 ? "person" : "people"} in this organization`} />
      {members.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members and their roles</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Role</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">Joined</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">Last sign-in</th>
                <th scope="col" className="px-4 py-3">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3">
                    <div className="font-medium">{m.user.fullName}</div>
                    <div className="text-slate-500">{m.user.email}</div>
                  </td>
                  <td className="px-4 py-3"><span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium">{m.role.name}</span></td>
                  <td className="hidden px-4 py-3 md:table-cell">{formatDate(m.joinedAt)}</td>
                  <td className="hidden px-4 py-3 md:table-cell">{m.user.lastLoginAt ? formatRelative(m.user.lastLoginAt) : "Never"}</td>
                  <td className="px-4 py-3 capitalize">{m.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
