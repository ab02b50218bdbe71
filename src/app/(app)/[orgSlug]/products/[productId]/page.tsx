import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteProductButton } from "@/features/products/components/delete-product-button";
import { ProductForm } from "@/features/products/components/product-form";
import { isUuid } from "@/lib/ids";
import { orNotFound, serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ orgSlug: string; productId: string }> }) {
  const { orgSlug, productId } = await params;
  if (!isUuid(productId)) notFound();
  const api = await serverApi(orgSlug);
  const [product, org] = await Promise.all([orNotFound(api.products.get({ id: productId })), orNotFound(api.organizations.current())]);
  const can = (p: string) => org.permissions.includes(p);
  return (
    <div className="max-w-3xl">
      <PageHeader title={product.name} description={product.sku ? `SKU ${product.sku}` : undefined}
        actions={can("products:delete") ? <DeleteProductButton orgSlug={orgSlug} id={product.id} name={product.name} /> : null} />
      {can("products:write") ? (
        <ProductForm orgSlug={orgSlug} id={product.id} initial={{ ...product, sku: product.sku ?? "", description: product.description ?? "" }} />
      ) : (
        <dl className="card grid grid-cols-2 gap-3 p-5 text-sm">
          <dt className="text-slate-500">Unit price</dt><dd>{product.unitPrice} {product.currency}</dd>
          <dt className="text-slate-500">Tax rate</dt><dd>{product.taxRate}%</dd>
          <dt className="text-slate-500">Description</dt><dd>{product.description ?? "—"}</dd>
        </dl>
      )}
    </div>
  );
}
