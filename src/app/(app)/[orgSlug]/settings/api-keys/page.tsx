import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateApiKeyForm } from "@/features/api-keys/components/create-api-key-form";
import { RevokeApiKeyButton } from "@/features/api-keys/components/revoke-api-key-button";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "API keys" };

const STATUS_STYLE = { active: "bg-emerald-50 text-emerald-800", expired: "bg-amber-50 text-amber-800", revoked: "bg-slate-100 text-slate-600" } as const;

export default async function ApiKeysPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [keys, org] = await Promise.all([orNotFound(api.apiKeys.list()), orNotFound(api.organizations.current())]);
  const canAdmin = org.permissions.includes("api_keys:admin");
  return (
    <div className="space-y-6">
      <PageHeader title="API keys" description="Keys let your other systems call Parley's API for this organization, with only the scopes you give them." />
      {canAdmin ? <CreateApiKeyForm grantable={org.permissions} /> : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>{canAdmin ? "Create one above; it is shown once, then only its first characters." : "An admin can create keys for your integrations."}</p>
        </EmptyState>
      ) : (
        <ListTable caption="API keys, newest first" head={<>
          <th scope="col" className="px-4 py-3">Name</th>
          <th scope="col" className="px-4 py-3">Scopes</th>
          <th scope="col" className="hidden px-4 py-3 md:table-cell">Created</th>
          <th scope="col" className="px-4 py-3">Last used</th>
          <th scope="col" className="hidden px-4 py-3 md:table-cell">Expires</th>
          <th scope="col" className="px-4 py-3">Status</th>
          <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
        </>}>
          {keys.map((k) => (
            <tr key={k.id} className="align-top">
              <td className="px-4 py-3"><div className="font-medium">{k.name}</div><code className="text-xs text-slate-500">{k.keyPrefix}…</code></td>
              <td className="max-w-xs px-4 py-3 text-xs text-slate-600">{k.permissions.join(", ")}</td>
              <td className="hidden px-4 py-3 md:table-cell">{formatDateTime(k.createdAt)}<div className="text-xs text-slate-500">{k.creator?.fullName ?? "A former member"}</div></td>
              <td className="px-4 py-3">{k.lastUsedAt ? <time dateTime={k.lastUsedAt.toISOString()} title={formatDateTime(k.lastUsedAt)}>{formatRelative(k.lastUsedAt)}</time> : "Never"}</td>
              <td className="hidden px-4 py-3 md:table-cell">{k.expiresAt ? formatDateTime(k.expiresAt) : "Never"}</td>
              <td className="px-4 py-3"><span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ${STATUS_STYLE[k.status]}`}>{k.status}</span></td>
              <td className="px-4 py-3 text-right">{canAdmin && k.status !== "revoked" ? <RevokeApiKeyButton id={k.id} name={k.name} /> : null}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}
