import Link from "next/link";
import { TRPCProvider } from "@/trpc/react";
import { peekSession } from "@/trpc/server";

export default async function MarketingLayout({ children }: { children: React.ReactNode }) {
  const session = await peekSession();
  return (
    <TRPCProvider>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link href="/" className="text-lg font-bold text-brand-700">Parley</Link>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/pricing" className="px-2 py-2 font-medium text-slate-700 hover:text-brand-700">Pricing</Link>
            {session ? (
              <Link href="/dashboard" className="btn-primary">Open Parley</Link>
            ) : (
              <>
                <Link href="/login" className="btn-secondary">Sign in</Link>
                <Link href="/signup" className="btn-primary">Start free</Link>
              </>
            )}
          </div>
        </nav>
      </header>
      <main id="main">{children}</main>
    </TRPCProvider>
  );
}
