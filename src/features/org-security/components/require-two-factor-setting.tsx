"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/use-hydrated";
import { api } from "@/trpc/react";

interface Props {
  organizationName: string;
  requireTwoFactor: boolean;
  canManage: boolean;
  youHaveTwoFactor: boolean;
  membersWithout: number;
}

/** The switch, with a confirmation that says who will be affected before turning it on. */
export function RequireTwoFactorSetting({ organizationName, requireTwoFactor, canManage, youHaveTwoFactor, membersWithout }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const update = api.orgSecurity.update.useMutation();
  const dialog = useRef<HTMLDialogElement>(null);
  const labelId = useId();
  const descriptionId = useId();
  const titleId = useId();
  const [error, setError] = useState<string>();

  async function save(next: boolean) {
    setError(undefined);
    try {
      await update.mutateAsync({ requireTwoFactor: next });
      dialog.current?.close();
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work; try again.");
    }
  }

  const blocked = !requireTwoFactor && !youHaveTwoFactor;
  return (
    <div className="space-y-3">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p id={labelId} className="font-medium">Require two-factor authentication</p>
          <p id={descriptionId} className="mt-1 text-sm text-slate-600">
            Everyone in {organizationName} must sign in with a code from an authenticator app. Members who haven&apos;t set it up are asked to
            before they can open {organizationName}, and its API refuses them until they do.
          </p>
        </div>
        <button type="button" role="switch" aria-checked={requireTwoFactor} aria-labelledby={labelId} aria-describedby={descriptionId}
          disabled={!hydrated || !canManage || blocked || update.isPending}
          onClick={() => (requireTwoFactor || membersWithout === 0 ? save(!requireTwoFactor) : dialog.current?.showModal())}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${requireTwoFactor ? "bg-brand-600" : "bg-slate-300"}`}>
          <span aria-hidden="true" className={`inline-block h-5 w-5 transform rounded-full bg-white shadow transition-transform ${requireTwoFactor ? "translate-x-5" : "translate-x-0.5"}`} />
        </button>
      </div>
      <FormError message={error} />
      {!canManage ? (
        <p className="text-sm text-slate-500">Only people with organization admin permission (the Owner) can change this.</p>
      ) : blocked ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Turn on two-factor authentication for your own account first, so requiring it doesn&apos;t lock you out.{" "}
          <Link href="/account/security#two-factor" className="font-medium underline">Set it up</Link>
        </p>
      ) : null}
      <dialog ref={dialog} aria-labelledby={titleId} className="w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">Require two-factor authentication?</h2>
          <p className="mt-2 text-sm text-slate-600">
            {membersWithout} {membersWithout === 1 ? "member hasn't" : "members haven't"} set up two-factor authentication yet.
            They&apos;ll be asked to the next time they open {organizationName}, and can&apos;t work in it until they do.
          </p>
          <FormError message={error} />
          <div className="mt-6 flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>Cancel</button>
            <button type="button" className="btn-primary" disabled={update.isPending} onClick={() => save(true)}>
              {update.isPending ? "Saving…" : "Require it"}
            </button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
