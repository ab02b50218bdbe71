import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteOrganization } from "@/features/organizations/components/delete-organization";
import { OrganizationExports } from "@/features/organizations/components/organization-exports";
import { OrganizationSettingsForm } from "@/features/organizations/components/organization-settings-form";
import { currencyOptions, timeZoneOptions } from "@/features/organizations/organization-settings.schema";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [settings, org] = await Promise.all([orNotFound(api.organizations.settings()), orNotFound(api.organizations.current())]);
  const host = (await headers()).get("host") ?? "localhost";
  const can = (p: string) => org.permissions.includes(p);
  return (
    <div className="space-y-6">
      <PageHeader title="Settings" description="Your organization's name, address, logo, time zone and currency; its data; and deleting it." />
      <OrganizationSettingsForm initial={settings} timeZones={timeZoneOptions()} currencies={currencyOptions()} canEdit={can("organization:write")} origin={host} />
      {can("organization:write") ? <OrganizationExports orgSlug={settings.slug} /> : null}
      {can("organization:admin") ? <DeleteOrganization slug={settings.slug} name={settings.name} /> : null}
    </div>
  );
}
