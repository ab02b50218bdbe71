import { notFound } from "next/navigation";
import { WORK_NAV } from "@/components/shell/nav-items";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, serverApi } from "@/trpc/server";

/** Product areas that are on the way: a designed empty state rather than a dead link. */
export default async function UpcomingAreaPage({ params }: { params: Promise<{ orgSlug: string; area: string }> }) {
  const { orgSlug, area } = await params;
  const item = WORK_NAV.find((n) => n.href === area && n.upcoming);
  if (!item) notFound();
  const org = await orNotFound((await serverApi(orgSlug)).organizations.current());
  if (item.resource && !org.permissions.includes(`${item.resource}:read`)) notFound();
  return (
    <div>
      <PageHeader title={item.label} />
      <EmptyState title={`${item.label} are on their way`}>
        <p>{item.description}</p>
        <p className="mt-2">This area opens in an upcoming release of Parley; nothing to set up in the meantime.</p>
      </EmptyState>
    </div>
  );
}
