"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";
import type { RoleOption } from "./invite-form";

interface MemberRow {
  membershipId: string;
  name: string;
  status: "active" | "deactivated";
  role: { id: string; name: string };
  isSelf: boolean;
  isOwner: boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : "That did not work; try again.");

/** The member's role as a select: a change applies on their next request. */
export function MemberRoleSelect({ member, roles }: { member: MemberRow; roles: RoleOption[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const change = api.members.changeRole.useMutation();
  const [value, setValue] = useState(member.role.id);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // Roles the caller may hand out, plus the member's current one (shown even if not assignable).
  const options = roles.filter((r) => r.assignable || r.id === member.role.id);

  return (
    <div>
      <label className="sr-only" htmlFor={`role-${member.membershipId}`}>Role for {member.name}</label>
      <select id={`role-${member.membershipId}`} className="input min-w-[9rem] py-1.5" value={value} disabled={!hydrated || change.isPending}
        onChange={async (e) => {
          const roleId = e.target.value;
          const previous = value;
          setValue(roleId);
          setStatus(null);
          try {
            const result = await change.mutateAsync({ membershipId: member.membershipId, roleId });
            setStatus({ ok: true, text: `Now ${result.role.name}` });
            router.refresh();
          } catch (error) {
            setValue(previous);
            setStatus({ ok: false, text: message(error) });
          }
        }}>
        {options.map((r) => <option key={r.id} value={r.id} disabled={!r.assignable}>{r.name}</option>)}
      </select>
      {status ? <p role={status.ok ? "status" : "alert"} className={`mt-1 max-w-xs text-xs ${status.ok ? "text-emerald-700" : "text-red-600"}`}>{status.text}</p> : null}
    </div>
  );
}

/** Transfer ownership, deactivate or reactivate, and remove, each asking first where it matters. */
export function MemberActions({ member, orgName, canWrite, canDelete, canTransfer }: {
  member: MemberRow;
  orgName: string;
  canWrite: boolean;
  canDelete: boolean;
  canTransfer: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const transfer = api.members.transferOwnership.useMutation();
  const deactivate = api.members.deactivate.useMutation();
  const reactivate = api.members.reactivate.useMutation();
  const remove = api.members.remove.useMutation();
  const [error, setError] = useState("");
  const them = member.isSelf ? "you" : member.name;

  return (
    <div>
      <div className="flex items-center justify-end gap-2">
        {canTransfer && member.status === "active" && !member.isOwner && !member.isSelf ? (
          <ConfirmButton label="Make owner" className="btn-secondary whitespace-nowrap px-3 py-1.5" title={`Make ${member.name} the Owner of ${orgName}?`} confirmLabel="Transfer ownership"
            body={<p>{member.name} becomes the Owner, with full control including billing. You become an Admin. Only the new Owner can undo this.</p>}
            onConfirm={async () => {
              await transfer.mutateAsync({ membershipId: member.membershipId });
              router.refresh();
            }} />
        ) : null}
        {canWrite && member.status === "active" ? (
          <ConfirmButton label="Deactivate" className="btn-secondary whitespace-nowrap px-3 py-1.5" title={`Deactivate ${them}?`} confirmLabel="Deactivate"
            body={<p>{member.isSelf ? "You lose" : `${member.name} loses`} access to {orgName} at once. Their records stay, and you can reactivate them later; the seat is freed.</p>}
            onConfirm={async () => {
              await deactivate.mutateAsync({ membershipId: member.membershipId });
              router.refresh();
            }} />
        ) : null}
        {canWrite && member.status === "deactivated" ? (
          <button type="button" className="btn-secondary whitespace-nowrap px-3 py-1.5" disabled={!hydrated || reactivate.isPending}
            onClick={async () => {
              setError("");
              try {
                await reactivate.mutateAsync({ membershipId: member.membershipId });
                router.refresh();
              } catch (e) {
                setError(message(e));
              }
            }}>
            {reactivate.isPending ? "Reactivating…" : "Reactivate"}
          </button>
        ) : null}
        {canDelete ? (
          <ConfirmButton label="Remove" className="btn-danger whitespace-nowrap px-3 py-1.5" title={`Remove ${them} from ${orgName}?`} confirmLabel="Remove member"
            body={<p>{member.isSelf ? "You lose" : `${member.name} loses`} access at once. Records they own stay in {orgName}; reassign them as needed. To let them back in, invite them again.</p>}
            onConfirm={async () => {
              await remove.mutateAsync({ membershipId: member.membershipId });
              router.refresh();
            }} />
        ) : null}
      </div>
      {error ? <p role="alert" className="mt-1 text-right text-xs text-red-600">{error}</p> : null}
    </div>
  );
}
