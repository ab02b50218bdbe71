import Link from "next/link";
import { Suspense } from "react";
import { UserMenu } from "@/components/shell/user-menu";
import { VerifyEmailBanner } from "@/features/account/components/verify-email-banner";
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
      <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
        <Suspense fallback={null}><VerifyEmailBanner /></Suspense>
        {children}
      </main>
    </TRPCProvider>
  );
}
