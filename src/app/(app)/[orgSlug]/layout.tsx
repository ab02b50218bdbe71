import Link from "next/link";
import { MobileNav } from "@/components/shell/mobile-nav";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { SidebarNav } from "@/components/shell/sidebar";
import { UserMenu } from "@/components/shell/user-menu";
import { Suspense } from "react";
import { VerifyEmailBanner } from "@/features/account/components/verify-email-banner";
import { ReadOnlyBanner } from "@/features/billing/components/read-only-banner";
import { CommandPalette } from "@/features/search/components/command-palette";
import { TRPCProvider } from "@/trpc/react";
import { orNotFound, requireSession, serverApi } from "@/trpc/server";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const session = await requireSession(`/${orgSlug}`);
  const api = await serverApi(orgSlug);
  const [organization, organizations] = await Promise.all([orNotFound(api.organizations.current()), api.organizations.mine()]);

  return (
    <TRPCProvider orgSlug={organization.slug}>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 lg:px-4">
        <div className="flex min-w-0 items-center gap-2">
          <MobileNav><SidebarNav orgSlug={organization.slug} permissions={organization.permissions} /></MobileNav>
          <Link href={`/${organization.slug}`} className="hidden font-bold text-brand-700 sm:block">Parley</Link>
          <span aria-hidden="true" className="hidden text-slate-300 sm:block">/</span>
          <OrgSwitcher current={organization} organizations={organizations} />
        </div>
        <div className="flex items-center gap-2">
          <CommandPalette orgSlug={organization.slug} />
          <UserMenu name={session.user.fullName} email={session.user.email} />
        </div>
      </header>
      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3 lg:block">
          <SidebarNav orgSlug={organization.slug} permissions={organization.permissions} />
        </aside>
        <main id="main" className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
          <Suspense fallback={null}><VerifyEmailBanner /></Suspense>
          {organization.readOnly ? <ReadOnlyBanner orgSlug={organization.slug} message={organization.readOnly.message} canSeeBilling={organization.permissions.includes("billing:read")} /> : null}
          {children}
        </main>
      </div>
    </TRPCProvider>
  );
}
