import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hasPermission } from "@/features/roles/permissions";
import { orgProcedure, router } from "@/server/api/trpc";
import { createImportSchema, importIdSchema, importResourceSchema, listRejectsSchema, startImportSchema } from "./imports.schema";
import { createImport, getImport, listImports, listRejects, startImport, undoImport } from "./imports.service";

/** Importing writes the records themselves, so it needs write on that resource. */
function assertCanWrite(permissions: readonly string[], resource: z.output<typeof importResourceSchema>) {
  if (!hasPermission(permissions, { resource, action: "write" })) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Your role cannot import ${resource}` });
  }
}

export const importsRouter = router({
  list: orgProcedure.input(z.object({}).optional()).query(({ ctx }) => listImports(ctx.scope)),
  get: orgProcedure.input(importIdSchema).query(({ ctx, input }) => getImport(ctx.scope, input.id)),
  rejects: orgProcedure.input(listRejectsSchema).query(({ ctx, input }) => listRejects(ctx.scope, input)),
  create: orgProcedure.input(createImportSchema).mutation(({ ctx, input }) => {
    assertCanWrite(ctx.membership.permissions, input.resource);
    return createImport(ctx.scope, input);
  }),
  start: orgProcedure.input(startImportSchema).mutation(async ({ ctx, input }) => {
    const imp = await getImport(ctx.scope, input.id);
    assertCanWrite(ctx.membership.permissions, imp.resource);
    // Its job is sent once this request's transaction commits (a pg-boss job, any server's worker).
    const started = await startImport(ctx.scope, input);
    return { id: started.id };
  }),
  undo: orgProcedure.input(importIdSchema).mutation(async ({ ctx, input }) => {
    const imp = await getImport(ctx.scope, input.id);
    assertCanWrite(ctx.membership.permissions, imp.resource);
    return undoImport(ctx.scope, input.id);
  }),
});
