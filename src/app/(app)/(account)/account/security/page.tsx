import type { Metadata } from "next";
import Link from "next/link";
import { AccountTabs } from "@/features/account/components/account-tabs";
import { EmailSettings } from "@/features/account/components/email-settings";
import { PasswordSettings } from "@/features/account/components/password-settings";
import { SecurityActivity } from "@/features/account/components/security-activity";
import { TwoFactorSettings } from "@/features/two-factor/components/two-factor-settings";
import { formatDate } from "@/lib/dates";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Account security" };

const PROVIDER_NAMES: Record<string, string> = { google: "Google", github: "GitHub", "azure-ad": "Microsoft" };

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="card scroll-mt-20 p-5 sm:p-6">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function AccountSecurityPage({ searchParams }: { searchParams: Promise<{ required?: string | string[] }> }) {
  const { required } = await searchParams;
  const api = await serverApi();
  const [account, events] = await Promise.all([api.account.security(), api.account.securityEvents({ limit: 15 })]);
  // Sent here by an organization that requires two-factor authentication (only one the person belongs to is named).
  const requiring = typeof required === "string" ? account.organizations.find((o) => o.slug === required) ?? null : null;
  const requiredBy = (await api.organizations.mine()).filter((o) => o.requireTwoFactor).map((o) => o.name);
  const providers = account.oauthAccounts.map((a) => PROVIDER_NAMES[a.provider] ?? a.provider);

  return (
    <div className="space-y-6">
      <AccountTabs />
      <div>
        <h1 className="text-2xl font-semibold">Account security</h1>
        <p className="mt-1 text-sm text-slate-600">Your sign-in email, password and two-factor authentication, and what happened to your account lately.</p>
      </div>

      {requiring && !account.twoFactor.enabled ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">{requiring.name} requires two-factor authentication</p>
          <p className="mt-1">Set it up below to continue to {requiring.name}. It takes about a minute with an authenticator app on your phone.</p>
        </div>
      ) : null}

      <Section id="two-factor" title="Two-factor authentication"
        description="A second step at sign-in: after your password, a 6-digit code from an app on your phone.">
        <TwoFactorSettings enabled={account.twoFactor.enabled} enabledAt={account.twoFactor.enabledAt} recoveryCodesLeft={account.twoFactor.recoveryCodesLeft}
          hasPassword={account.hasPassword} requiredBy={requiredBy} continueTo={requiring} />
      </Section>

      <Section id="email" title="Email address" description="Where we send sign-in links and security notices; you sign in with it.">
        <EmailSettings email={account.email} emailVerified={account.emailVerified} hasPassword={account.hasPassword} pendingEmail={account.pendingEmail} />
      </Section>

      <Section id="password" title="Password">
        <PasswordSettings hasPassword={account.hasPassword} oauthProviders={providers} />
      </Section>

      {account.oauthAccounts.length ? (
        <Section id="connected" title="Connected sign-in" description="You can also sign in with these accounts.">
          <ul className="divide-y divide-slate-100 text-sm">
            {account.oauthAccounts.map((a) => (
              <li key={a.provider} className="flex justify-between py-2">
                <span className="font-medium">{PROVIDER_NAMES[a.provider] ?? a.provider}</span>
                <span className="text-slate-500">connected {formatDate(new Date(a.createdAt))}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="activity" title="Recent security activity"
        description="Sign-ins and changes to your account. Something you don't recognise? Change your password and sign out your other sessions.">
        <SecurityActivity events={events} />
        <p className="mt-4 text-sm"><Link href="/account/sessions" className="font-medium text-brand-700 underline">Manage where you&apos;re signed in</Link></p>
      </Section>
    </div>
  );
}
