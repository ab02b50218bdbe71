import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { RequireTwoFactorSetting } from "@/features/org-security/components/require-two-factor-setting";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Security" };

export default async function OrganizationSecurityPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [security, org] = await Promise.all([orNotFound(api.orgSecurity.get()), orNotFound(api.organizations.current())]);
  const without = security.withoutTwoFactor;
  return (
    <div className="space-y-6">
      <PageHeader title="Security" description={`How people sign in to ${org.name}.`} />
      <section className="card p-5" aria-label="Two-factor authentication policy">
        <RequireTwoFactorSetting organizationName={org.name} requireTwoFactor={security.requireTwoFactor} canManage={security.canManage}
          youHaveTwoFactor={security.youHaveTwoFactor} membersWithout={without.length} />
      </section>
      <section className="card" aria-labelledby="without-2fa">
        <div className="border-b border-slate-100 p-5">
          <h2 id="without-2fa" className="font-semibold">Two-factor authentication by member</h2>
          <p className="mt-1 text-sm text-slate-600">
            {without.length === 0
              ? `All ${security.memberCount} ${security.memberCount === 1 ? "member uses" : "members use"} two-factor authentication.`
              : `${security.memberCount - without.length} of ${security.memberCount} members use two-factor authentication.`}
          </p>
        </div>
        {without.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Members without two-factor authentication</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-3">Member</th>
                  <th scope="col" className="px-5 py-3">Role</th>
                  <th scope="col" className="hidden px-5 py-3 sm:table-cell">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {without.map((m) => (
                  <tr key={m.id}>
                    <td className="px-5 py-3"><div className="font-medium">{m.name}</div><div className="break-words text-slate-500">{m.email}</div></td>
                    <td className="px-5 py-3"><span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium">{m.role}</span></td>
                    <td className="hidden px-5 py-3 sm:table-cell">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${security.requireTwoFactor ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-700"}`}>
                        {security.requireTwoFactor ? "Must set up before next visit" : "Not set up"}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="p-5 text-sm text-emerald-700">Everyone is protected. ✓</p>
        )}
      </section>
    </div>
  );
}
