import { z } from "zod";
import { hasPermission } from "@/features/roles/permissions";
import type { OrgScope } from "@/server/api/scope";
import { orgProcedureOn } from "@/server/api/resource-procedure";
import { orgProcedure, router } from "@/server/api/trpc";
import { IMPORT_RESOURCES, type ImportResource } from "./import-fields";
import { createImportSchema, importIdSchema, listRejectsSchema, startImportSchema } from "./imports.schema";
import { createImport, getImport, listImports, listRejects, startImport, undoImport } from "./imports.service";

// An import is about one resource, and needs that resource's permission: importing (and
// undoing) writes its records, so write; seeing an import (its rows, rejected ones included)
// reads them, so read.
const importing = { action: "write", oneOf: IMPORT_RESOURCES } as const;
const reading = { action: "read", oneOf: IMPORT_RESOURCES } as const;
const resourceOfImport = async (scope: OrgScope, input: { id: string }) => (await getImport(scope, input.id)).resource as ImportResource;

export const importsRouter = router({
  /** No single resource: lists the imports of each resource the caller's role may read. */
  list: orgProcedure.input(z.object({}).optional()).query(async ({ ctx }) => {
    const imports = await listImports(ctx.scope);
    return imports.filter((i) => hasPermission(ctx.membership.permissions, { resource: i.resource as ImportResource, action: "read" }));
  }),
  get: orgProcedureOn(reading, importIdSchema, resourceOfImport).query(({ ctx, input }) => getImport(ctx.scope, input.id)),
  rejects: orgProcedureOn(reading, listRejectsSchema, resourceOfImport).query(({ ctx, input }) => listRejects(ctx.scope, input)),
  create: orgProcedureOn(importing, createImportSchema, (_, input) => input.resource).mutation(({ ctx, input }) => createImport(ctx.scope, input)),
  // Its job is sent once this request's transaction commits (a pg-boss job, any server's worker).
  start: orgProcedureOn(importing, startImportSchema, resourceOfImport).mutation(async ({ ctx, input }) => {
    const started = await startImport(ctx.scope, input);
    return { id: started.id };
  }),
  undo: orgProcedureOn(importing, importIdSchema, resourceOfImport).mutation(({ ctx, input }) => undoImport(ctx.scope, input.id)),
});
