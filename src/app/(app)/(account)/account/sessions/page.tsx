import type { Metadata } from "next";
import { AccountTabs } from "@/features/account/components/account-tabs";
import { SessionList } from "@/features/sessions/components/session-list";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const sessions = await (await serverApi()).sessions.list();
  return (
    <div>
      <AccountTabs />
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <p className="mt-1 text-sm text-slate-600">
        Where you&apos;re signed in. Revoking a session signs that device out on its next request.
      </p>
      <div className="mt-6"><SessionList initial={sessions} /></div>
    </div>
  );
}
