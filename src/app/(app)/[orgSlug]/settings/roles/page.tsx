import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { CreateRoleForm } from "@/features/roles/components/role-forms";
import { PERMISSION_NAMES } from "@/features/roles/roles.schema";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Roles and permissions" };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Every role of the organization: the five built in, then the ones its admins added. */
export default async function RolesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  const roles = await orNotFound(api.roles.list());
  const canWrite = org.permissions.includes("roles:write");
  const held = new Set(org.permissions);
  const system = roles.filter((r) => r.isSystem);
  const custom = roles.filter((r) => !r.isSystem);

  const table = (list: typeof roles, caption: string) => (
    <ListTable caption={<>{caption}</>} head={<>
      <th scope="col" className="px-4 py-3">Role</th>
      <th scope="col" className="px-4 py-3">Members</th>
      <th scope="col" className="hidden px-4 py-3 sm:table-cell">Permissions</th>
    </>}>
      {list.map((role) => (
        <tr key={role.id} className="hover:bg-slate-50">
          <td className="px-4 py-3">
            <Link href={`/${orgSlug}/settings/roles/${role.id}`} className="font-medium text-brand-700 hover:underline">{role.name}</Link>
            {role.isDefault ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Default for invitations</span> : null}
            {role.description ? <p className="mt-0.5 text-slate-500">{role.description}</p> : null}
          </td>
          <td className="whitespace-nowrap px-4 py-3">
            {plural(role.memberCount, "member")}
            {role.pendingInvitationCount ? <div className="text-xs text-slate-500">{plural(role.pendingInvitationCount, "pending invitation")}</div> : null}
          </td>
          <td className="hidden px-4 py-3 text-slate-600 sm:table-cell">
            {role.name === "Owner" && role.isSystem ? "Everything" : `${role.permissions.length} of ${PERMISSION_NAMES.length}`}
          </td>
        </tr>
      ))}
    </ListTable>
  );

  return (
    <div className="space-y-6">
      <PageHeader title="Roles and permissions"
        description="A role decides what its members can see and do. Changes apply on each member's next click."
        actions={org.permissions.includes("members:read") ? <Link href={`/${orgSlug}/members`} className="btn-secondary">Members</Link> : undefined} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <section aria-labelledby="system-roles">
            <h2 id="system-roles" className="mb-2 text-base font-semibold">Built-in roles</h2>
            {table(system, "Built-in roles")}
          </section>
          <section aria-labelledby="custom-roles">
            <h2 id="custom-roles" className="mb-2 text-base font-semibold">Custom roles</h2>
            {custom.length ? table(custom, "Custom roles") : (
              <p className="card px-4 py-6 text-center text-sm text-slate-600">
                No custom roles yet. {canWrite ? "Create one to give a team exactly the access it needs." : "Admins can add roles tailored to your teams."}
              </p>
            )}
          </section>
        </div>
        {canWrite ? (
          <section aria-labelledby="new-role" className="card h-fit p-5">
            <h2 id="new-role" className="text-base font-semibold">New role</h2>
            <p className="mb-3 mt-0.5 text-sm text-slate-600">Name it after the job it is for; pick its permissions next.</p>
            <CreateRoleForm orgSlug={orgSlug} roles={roles.map((r) => ({ id: r.id, name: r.name, copyable: r.permissions.every((p) => held.has(p)) }))} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
