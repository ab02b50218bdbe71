import { orgProcedure, router } from "@/server/api/trpc";
import { listProductsSchema, productFieldsSchema, productIdSchema, updateProductSchema } from "./products.schema";
import { createProduct, deleteProduct, getProduct, listProducts, updateProduct } from "./products.service";

const read = { permission: { resource: "products", action: "read" } } as const;
const write = { permission: { resource: "products", action: "write" } } as const;

export const productsRouter = router({
  list: orgProcedure.meta(read).input(listProductsSchema).query(({ ctx, input }) => listProducts(ctx.scope, input)),
  get: orgProcedure.meta(read).input(productIdSchema).query(({ ctx, input }) => getProduct(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(productFieldsSchema).mutation(({ ctx, input }) => createProduct(ctx.scope, input)),
  update: orgProcedure.meta(write).input(updateProductSchema).mutation(({ ctx, input }) => updateProduct(ctx.scope, input.id, input.values)),
  delete: orgProcedure.meta({ permission: { resource: "products", action: "delete" } }).input(productIdSchema)
    .mutation(({ ctx, input }) => deleteProduct(ctx.scope, input.id)),
});
