import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/components/list/filter-select";
import { Pagination } from "@/components/list/pagination";
import { type RawSearchParams, listHref, plainParams } from "@/components/list/search-params";
import { SortHeader } from "@/components/list/sort-header";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { BILLING_TYPES, BILLING_TYPE_LABELS, listProductsSchema } from "@/features/products/products.schema";
import { formatMoney } from "@/lib/money";
import { orNotFound, serverApi } from "@/trpc/server";
import { ListTable } from "@/components/list/list-table";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<RawSearchParams> }) {
  const { orgSlug } = await params;
  const raw = plainParams(await searchParams);
  const parsed = listProductsSchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listProductsSchema.parse({});
  const api = await serverApi(orgSlug);
  const [page, org] = await Promise.all([orNotFound(api.products.list(query)), orNotFound(api.organizations.current())]);
  const canWrite = org.permissions.includes("products:write");
  const href = (changes: Record<string, string | number | undefined>) => listHref(`/${orgSlug}/products`, raw, changes);
  const filtered = Boolean(query.search || query.billingType || query.state !== "active");
  // An empty active list may still hide inactive products: say so rather than "empty".
  const anyAtAll = page.total > 0 || filtered || (await orNotFound(api.products.list({ state: "all", pageSize: 1 }))).total > 0;
  return (
    <div>
      <PageHeader title="Products" description={`${page.total} ${page.total === 1 ? "product" : "products"} in your catalog, priced into proposals`}
        actions={canWrite ? <Link href={`/${orgSlug}/products/new`} className="btn-primary">New product</Link> : null} />
      <form role="search" aria-label="Filter products" className="card mb-4 flex flex-wrap items-end gap-3 p-4" action={`/${orgSlug}/products`}>
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="search" className="mb-1 block text-sm font-medium text-slate-700">Search</label>
          <input id="search" name="search" defaultValue={query.search ?? ""} placeholder="Name or SKU" className="input" />
        </div>
        <FilterSelect name="billingType" label="Billing" value={query.billingType} options={BILLING_TYPES.map((b) => ({ value: b, label: BILLING_TYPE_LABELS[b] }))} />
        <FilterSelect name="state" label="Status" value={query.state} anyLabel={null}
          options={[{ value: "active", label: "Active" }, { value: "inactive", label: "Inactive" }, { value: "all", label: "All" }]} />
        <button type="submit" className="btn-primary">Apply</button>
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "No products match" : anyAtAll ? "No active products" : "Your catalog is empty"}
          action={canWrite && !anyAtAll ? <Link href={`/${orgSlug}/products/new`} className="btn-primary">Add your first product</Link> : null}>
          <p>{filtered ? "Try other filters." : anyAtAll ? "Every product is inactive; choose Status: All to see them." : "Products carry a price, billing type and tax rate into every proposal line."}</p>
        </EmptyState>
      ) : (
        <>
          <ListTable caption="Products" head={<>
            <SortHeader label="Name" column="name" sort={query.sort} dir={query.dir} href={href} />
            <SortHeader label="SKU" column="sku" sort={query.sort} dir={query.dir} href={href} />
            <SortHeader label="Unit price" column="unitPrice" sort={query.sort} dir={query.dir} href={href} />
            <th scope="col" className="px-4 py-3">Billing</th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Tax</th>
            <th scope="col" className="px-4 py-3">Status</th>
          </>}>
            {page.items.map((p) => (
              <tr key={p.id}>
                <td className="px-4 py-3"><Link href={`/${orgSlug}/products/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link></td>
                <td className="px-4 py-3 text-slate-600">{p.sku ?? "—"}</td>
                <td className="px-4 py-3 tabular-nums">{formatMoney(p.unitPrice, p.currency)}</td>
                <td className="px-4 py-3">{BILLING_TYPE_LABELS[p.billingType]}</td>
                <td className="hidden px-4 py-3 md:table-cell">{p.taxRate}%</td>
                <td className="px-4 py-3">{p.isActive ? "Active" : <span className="text-slate-500">Inactive</span>}</td>
              </tr>
            ))}
          </ListTable>
          <Pagination page={page.page} pageSize={page.pageSize} total={page.total} pageCount={page.pageCount} href={href} />
        </>
      )}
    </div>
  );
}
