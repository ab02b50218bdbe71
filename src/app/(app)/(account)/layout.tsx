import Link from "next/link";
import { UserMenu } from "@/components/shell/user-menu";
import { TRPCProvider } from "@/trpc/react";
import { requireSession } from "@/trpc/server";

/** Pages about the signed-in person rather than one organization. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession("/dashboard");
  return (
    <TRPCProvider>
      <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4">
        <Link href="/dashboard" className="font-bold text-brand-700">Parley</Link>
        <UserMenu name={session.user.fullName} email={session.user.email} />
      </header>
      <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">{children}</main>
    </TRPCProvider>
  );
}
