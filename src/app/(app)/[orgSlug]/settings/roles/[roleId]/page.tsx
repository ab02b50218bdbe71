import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { PermissionMatrix } from "@/features/roles/components/permission-matrix";
import { DeleteRoleButton, RoleDetailsForm } from "@/features/roles/components/role-forms";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Role" };

export default async function RolePage({ params }: { params: Promise<{ orgSlug: string; roleId: string }> }) {
  const { orgSlug, roleId } = await params;
  if (!isUuid(roleId)) notFound();
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  const role = await orNotFound(api.roles.get({ id: roleId }));
  const can = (p: string) => org.permissions.includes(p);
  const isOwner = role.isSystem && role.name === "Owner";
  const editable = can("roles:write") && !isOwner;
  const readOnlyReason = isOwner
    ? "The Owner role always has every permission, so it cannot be changed."
    : !can("roles:write") ? `Your role (${org.role.name}) can view roles but not change them.` : undefined;
  const holders = role.members.length + role.pendingInvitationCount;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/${orgSlug}/settings/roles`} className="text-brand-700 hover:underline">Roles and permissions</Link>
        <span aria-hidden="true" className="mx-2 text-slate-400">/</span>
        <span aria-current="page">{role.name}</span>
      </nav>
      <PageHeader title={role.name}
        description={role.isSystem ? `${role.description ?? ""} Built-in role${isOwner ? "" : "; its permissions can be tuned"}.`.trim() : role.description ?? "Custom role"}
        actions={!role.isSystem && can("roles:delete") ? <DeleteRoleButton orgSlug={orgSlug} role={{ id: role.id, name: role.name, holders }} /> : undefined} />

      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <section aria-labelledby="permissions-heading">
          <h2 id="permissions-heading" className="mb-2 text-base font-semibold">Permissions</h2>
          <PermissionMatrix roleId={role.id} roleName={role.name} initial={role.permissions} editable={editable}
            readOnlyReason={readOnlyReason} grantable={org.permissions} />
        </section>
        <aside className="space-y-6">
          {!role.isSystem && can("roles:write") ? (
            <section aria-labelledby="details-heading" className="card p-5">
              <h2 id="details-heading" className="mb-3 text-base font-semibold">Details</h2>
              <RoleDetailsForm role={role} />
            </section>
          ) : null}
          <section aria-labelledby="holders-heading" className="card p-5">
            <h2 id="holders-heading" className="text-base font-semibold">Who has it</h2>
            {role.members.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">Nobody yet. Give this role to people on the <Link href={`/${orgSlug}/members`} className="text-brand-700 underline">members page</Link>.</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {role.members.map((m) => (
                  <li key={m.id} className="py-2">
                    <p className="font-medium">{m.user.fullName}{m.status === "deactivated" ? <span className="ml-2 text-xs font-normal text-slate-500">Deactivated</span> : null}</p>
                    <p className="truncate text-slate-500">{m.user.email}</p>
                  </li>
                ))}
              </ul>
            )}
            {role.pendingInvitationCount ? (
              <p className="mt-2 text-xs text-slate-500">{role.pendingInvitationCount} pending {role.pendingInvitationCount === 1 ? "invitation uses" : "invitations use"} this role.</p>
            ) : null}
          </section>
        </aside>
      </div>
    </div>
  );
}
