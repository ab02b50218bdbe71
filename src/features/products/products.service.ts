import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { literalContains } from "@/lib/like-pattern";
import { toPage } from "@/lib/pagination";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { listProductsSchema, productFieldsSchema } from "./products.schema";

type ProductFields = z.output<typeof productFieldsSchema>;
const key = (scope: OrgScope, id: string) => ({ organizationId_id: { organizationId: scope.orgId, id } });

const select = {
  id: true, name: true, sku: true, description: true, unitPrice: true, currency: true, billingType: true, taxRate: true,
  isActive: true, createdAt: true, updatedAt: true,
} satisfies Prisma.ProductSelect;

/** Decimals leave the server as exact strings, never floats. */
const exact = <T extends { unitPrice: Prisma.Decimal; taxRate: Prisma.Decimal }>(p: T) => ({ ...p, unitPrice: p.unitPrice.toFixed(2), taxRate: p.taxRate.toFixed(3).replace(/\.?0+$/, "") || "0" });

/** A unique SKU taken by another product of this organization, said on the field. */
async function withSkuConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "Another product already has this SKU", "sku");
    throw error;
  }
}

export async function listProducts(scope: OrgScope, input: z.output<typeof listProductsSchema>) {
  const where: Prisma.ProductWhereInput = {
    ...(input.state === "all" ? {} : { isActive: input.state === "active" }),
    ...(input.billingType ? { billingType: input.billingType } : {}),
    ...(input.search ? { OR: [
      { name: { contains: literalContains(input.search), mode: "insensitive" } },
      { sku: { contains: literalContains(input.search), mode: "insensitive" } },
    ] } : {}),
  };
  const total = await scope.tx.product.count({ where });
  const rows = await scope.tx.product.findMany({
    where, select, skip: (input.page - 1) * input.pageSize, take: input.pageSize,
    orderBy: [input.sort === "sku" ? { sku: { sort: input.dir, nulls: "last" } } : { [input.sort]: input.dir }, { id: "asc" }],
  });
  return toPage(rows.map(exact), total, input.page, input.pageSize);
}

export async function getProduct(scope: OrgScope, id: string) {
  const row = await scope.tx.product.findUnique({ where: key(scope, id), select });
  if (!row) throw notFound("Product");
  return exact(row);
}

export async function createProduct(scope: OrgScope, values: ProductFields) {
  const row = await withSkuConflict(() => scope.tx.product.create({ data: { ...values, organizationId: scope.orgId, createdBy: scope.userId }, select }));
  await scope.audit({ action: "product.create", resourceType: "product", resourceId: row.id, newValues: values });
  return exact(row);
}

export async function updateProduct(scope: OrgScope, id: string, values: ProductFields) {
  const before = await getProduct(scope, id);
  const row = await withSkuConflict(() => scope.tx.product.update({ where: key(scope, id), data: values, select }));
  const after = exact(row);
  const changed = (Object.keys(values) as (keyof ProductFields)[]).filter((k) => String(before[k] ?? "") !== String(after[k] ?? ""));
  await scope.audit({
    action: "product.update", resourceType: "product", resourceId: id,
    oldValues: Object.fromEntries(changed.map((k) => [k, before[k]])), newValues: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  return after;
}

/** Deletes a product. (Once proposals quote products, a quoted product is deactivated instead.) */
export async function deleteProduct(scope: OrgScope, id: string) {
  const before = await getProduct(scope, id);
  await scope.tx.product.delete({ where: key(scope, id) });
  await scope.audit({ action: "product.delete", resourceType: "product", resourceId: id, oldValues: before });
  return { id };
}
