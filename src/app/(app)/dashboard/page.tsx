import { redirect } from "next/navigation";
import { requireSession, serverApi } from "@/trpc/server";

/** Where sign-in lands: the user's first organization, or creating one if they have none. */
export default async function DashboardRedirect() {
  await requireSession("/dashboard");
  const organizations = await (await serverApi()).organizations.mine();
  redirect(organizations[0] ? `/${organizations[0].slug}` : "/orgs/new");
}
