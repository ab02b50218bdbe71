import type { Metadata } from "next";
import Link from "next/link";
import { type RawSearchParams, plainParams } from "@/components/list/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { InvitationActions } from "@/features/members/components/invitation-actions";
import { InviteForm } from "@/features/members/components/invite-form";
import { MemberActions, MemberRoleSelect } from "@/features/members/components/member-actions";
import { SeatMeter } from "@/features/members/components/seat-meter";
import { formatDate, formatRelative } from "@/lib/dates";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Members" };

const STATUS_FILTERS = [
  { value: "", label: "Everyone" },
  { value: "active", label: "Active" },
  { value: "deactivated", label: "Deactivated" },
] as const;

function Badge({ tone, children }: { tone: "green" | "slate" | "blue" | "amber"; children: React.ReactNode }) {
  const tones = {
    green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    slate: "bg-slate-100 text-slate-700 ring-slate-200",
    blue: "bg-brand-50 text-brand-700 ring-brand-100",
    amber: "bg-amber-50 text-amber-900 ring-amber-200",
  };
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

export default async function MembersPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const query = plainParams(await searchParams);
  const search = query.q?.slice(0, 200);
  const status = query.status === "active" || query.status === "deactivated" ? query.status : undefined;
  const api = await serverApi(orgSlug);
  const org = await orNotFound(api.organizations.current());
  const [overview, members, invitations] = await Promise.all([
    orNotFound(api.members.overview()),
    orNotFound(api.members.list({ search, status: status ?? "all" })),
    orNotFound(api.invitations.list()),
  ]);
  const can = (p: string) => org.permissions.includes(p);
  const canWrite = can("members:write");
  const canDelete = can("members:delete");
  const canTransfer = overview.actor.isOwner && can("members:admin");
  const filtered = Boolean(search || status);
  const pending = invitations.filter((i) => i.status === "pending").length;
  const isOwnerRole = (role: { name: string; isSystem: boolean }) => role.isSystem && role.name === "Owner";
  // Counted from the whole list only when it is not filtered (a filter may hide other Owners).
  const activeOwners = filtered ? null : members.filter((m) => m.status === "active" && isOwnerRole(m.role)).length;

  return (
    <div className="space-y-6">
      <PageHeader title="Members"
        description={`${overview.seats.members} active ${overview.seats.members === 1 ? "member" : "members"}${pending ? ` and ${pending} pending ${pending === 1 ? "invitation" : "invitations"}` : ""} in ${org.name}.`}
        actions={can("roles:read") ? <Link href={`/${orgSlug}/settings/roles`} className="btn-secondary">Roles and permissions</Link> : undefined} />

      <SeatMeter seats={overview.seats} orgSlug={orgSlug} />

      {canWrite ? (
        <section aria-labelledby="invite-heading" className="card p-4 sm:p-5">
          <h2 id="invite-heading" className="text-base font-semibold">Invite a teammate</h2>
          <p className="mb-3 mt-0.5 text-sm text-slate-600">They get an email with a link to join {org.name}. It works once, for 7 days.</p>
          <InviteForm orgSlug={orgSlug} roles={overview.roles} seatsFull={overview.seats.available === 0} />
        </section>
      ) : null}

      {invitations.length || canWrite ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="mb-2 text-base font-semibold">Invitations</h2>
          {invitations.length === 0 ? (
            <p className="card px-4 py-6 text-center text-sm text-slate-600">No pending invitations. People you invite appear here until they join.</p>
          ) : (
            <ListTable caption="Pending and expired invitations" head={<>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="hidden whitespace-nowrap px-4 py-3 md:table-cell">Invited by</th>
              <th scope="col" className="hidden whitespace-nowrap px-4 py-3 sm:table-cell">Last sent</th>
              <th scope="col" className="px-4 py-3">Status</th>
              {canWrite ? <th scope="col" className="px-4 py-3 text-right"><span className="sr-only">Actions</span></th> : null}
            </>}>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td className="max-w-[16rem] truncate px-4 py-3 font-medium" title={i.email}>{i.email}</td>
                  <td className="px-4 py-3">{i.role?.name ?? <span className="text-slate-500">Deleted role</span>}</td>
                  <td className="hidden px-4 py-3 md:table-cell">{i.inviter?.fullName ?? "—"}</td>
                  <td className="hidden px-4 py-3 sm:table-cell">
                    <time dateTime={i.lastSentAt.toISOString()} title={formatDate(i.lastSentAt)}>{formatRelative(i.lastSentAt)}</time>
                    {i.sendCount > 1 ? <span className="text-slate-500"> · sent {i.sendCount}×</span> : null}
                  </td>
                  <td className="px-4 py-3">
                    {i.status === "expired" ? <Badge tone="amber">Expired</Badge> : <Badge tone="blue">Pending</Badge>}
                    <div className="mt-0.5 text-xs text-slate-500">
                      {i.status === "expired" ? `on ${formatDate(i.expiresAt)}` : `expires ${formatRelative(i.expiresAt)}`}
                    </div>
                  </td>
                  {canWrite ? <td className="px-4 py-3"><InvitationActions id={i.id} email={i.email} expired={i.status === "expired"} /></td> : null}
                </tr>
              ))}
            </ListTable>
          )}
        </section>
      ) : null}

      <section aria-labelledby="members-heading">
        <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
          <h2 id="members-heading" className="text-base font-semibold">People</h2>
          <form method="get" role="search" aria-label="Filter members" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="members-q" className="sr-only">Search members</label>
              <input id="members-q" name="q" type="search" defaultValue={search} placeholder="Search name or email" className="input w-56 py-1.5" maxLength={200} />
            </div>
            <div>
              <label htmlFor="members-status" className="sr-only">Status</label>
              <select id="members-status" name="status" defaultValue={status ?? ""} className="input py-1.5">
                {STATUS_FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
              </select>
            </div>
            <button type="submit" className="btn-secondary py-1.5">Filter</button>
            {filtered ? <Link href={`/${orgSlug}/members`} className="text-sm text-brand-700 underline">Clear</Link> : null}
          </form>
        </div>
        {members.length === 0 ? (
          <EmptyState title={filtered ? "Nobody matches" : "No members yet"}
            action={filtered ? <Link href={`/${orgSlug}/members`} className="btn-secondary">Show everyone</Link> : undefined}>
            <p>{filtered ? "Try another name or email, or clear the filters." : "Invite your team to start working together."}</p>
          </EmptyState>
        ) : (
          <ListTable caption="Members, their roles and access" head={<>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Role</th>
            <th scope="col" className="hidden px-4 py-3 sm:table-cell">Status</th>
            <th scope="col" className="hidden whitespace-nowrap px-4 py-3 md:table-cell">Last sign-in</th>
            {canWrite || canDelete ? <th scope="col" className="px-4 py-3 text-right"><span className="sr-only">Actions</span></th> : null}
          </>}>
            {members.map((m) => {
              const isSelf = m.id === overview.actor.membershipId;
              const isOwner = isOwnerRole(m.role);
              // The last Owner stays one: the server refuses anyway; here it just says so.
              const soleOwner = isOwner && m.status === "active" && activeOwners === 1;
              // Owners are managed by Owners only; everyone else by whoever may write members.
              const manageable = !isOwner || overview.actor.isOwner;
              const row = { membershipId: m.id, name: m.user.fullName, status: m.status, role: m.role, isSelf, isOwner };
              return (
                <tr key={m.id} className={m.status === "deactivated" ? "bg-slate-50/60" : undefined}>
                  <td className="px-4 py-3">
                    <div className="font-medium">
                      {m.user.fullName}
                      {isSelf ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">You</span> : null}
                    </div>
                    <div className="text-slate-500">{m.user.email}</div>
                    {m.user.jobTitle ? <div className="text-xs text-slate-500">{m.user.jobTitle}</div> : null}
                    {m.status === "deactivated" ? <div className="mt-1 sm:hidden"><Badge tone="slate">Deactivated</Badge></div> : null}
                  </td>
                  <td className="px-4 py-3">
                    {canWrite && manageable && !soleOwner ? (
                      <MemberRoleSelect member={row} roles={overview.roles} />
                    ) : (
                      <Badge tone={isOwner ? "blue" : "slate"}>{m.role.name}</Badge>
                    )}
                  </td>
                  <td className="hidden px-4 py-3 sm:table-cell">
                    {m.status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Deactivated</Badge>}
                    <div className="mt-0.5 whitespace-nowrap text-xs text-slate-500">Joined {formatDate(m.joinedAt)}</div>
                  </td>
                  <td className="hidden whitespace-nowrap px-4 py-3 md:table-cell">
                    {m.user.lastLoginAt ? <time dateTime={m.user.lastLoginAt.toISOString()} title={formatDate(m.user.lastLoginAt)}>{formatRelative(m.user.lastLoginAt)}</time> : <span className="text-slate-500">Never</span>}
                  </td>
                  {canWrite || canDelete ? (
                    <td className="px-4 py-3">
                      {soleOwner ? (
                        <p className="text-right text-xs text-slate-500">
                          The only Owner{canTransfer && isSelf ? "; to step down, make another member the Owner first" : ""}
                        </p>
                      ) : manageable ? (
                        <MemberActions member={row} orgName={org.name} canWrite={canWrite} canDelete={canDelete} canTransfer={canTransfer} />
                      ) : (
                        <p className="text-right text-xs text-slate-500">Only an Owner can change an Owner</p>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </ListTable>
        )}
      </section>
    </div>
  );
}
