import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { EMPTY_PRODUCT, ProductForm } from "@/features/products/components/product-form";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const api = await serverApi(orgSlug);
  const [org, settings] = await Promise.all([orNotFound(api.organizations.current()), orNotFound(api.organizations.settings())]);
  if (!org.permissions.includes("products:write")) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title="New product" />
      <ProductForm orgSlug={orgSlug} initial={{ ...EMPTY_PRODUCT, currency: settings.currency }} />
    </div>
  );
}
