import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { WORK_NAV, visibleNav } from "@/components/shell/nav-items";
import { getSession, orNotFound, serverApi } from "@/trpc/server";

export default async function OrgHomePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [session, org] = await Promise.all([getSession(), orNotFound(api.organizations.current())]);
  const areas = visibleNav(WORK_NAV, org.permissions).filter((item) => item.description);
  return (
    <div>
      <PageHeader title={`Welcome${session ? `, ${session.user.firstName}` : ""}`}
        description={`${org.name} · ${org.memberCount} member${org.memberCount === 1 ? "" : "s"} · your role: ${org.role.name}`} />
      <section aria-labelledby="getting-started" className="card mb-6 p-6">
        <h2 id="getting-started" className="font-semibold">Getting started</h2>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li>Look around your workspace: every area below is ready for your data.</li>
          <li>See who&apos;s here on the <Link className="text-brand-700 underline" href={`/${org.slug}/members`}>Members</Link> page.</li>
          <li>Protect your account with two-factor authentication under <Link className="text-brand-700 underline" href="/account/security">Account security</Link>.</li>
        </ol>
      </section>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {areas.map((area) => (
          <li key={area.href}>
            <Link href={`/${org.slug}/${area.href}`} className="card block h-full p-5 hover:border-brand-500">
              <h2 className="font-semibold">
                {area.label}
                {area.upcoming ? <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-600">Coming soon</span> : null}
              </h2>
              <p className="mt-1 text-sm text-slate-600">{area.description}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
