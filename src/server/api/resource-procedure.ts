// Organization procedures whose permission depends on the call: an import of leads needs
// leads:write, one of contacts contacts:write. The procedure's meta names the action and the
// resources it may be about (so the permission is declared where every other one is), and one
// middleware checks it on the resource the call turns out to be about: from the input, or from
// the record the input names, read in the call's own transaction.
import type { z } from "zod";
import type { Action, Resource } from "@/features/roles/permissions";
import type { OrgScope } from "./scope";
import { orgProcedure } from "./trpc";

export function orgProcedureOn<S extends z.ZodType, R extends Resource>(
  permission: { action: Action; oneOf: readonly R[] },
  input: S,
  resourceOf: (scope: OrgScope, input: z.output<S>) => R | Promise<R>,
) {
  return orgProcedure
    .meta({ resourcePermission: permission })
    .input(input)
    .use(async ({ ctx, input, next }) => {
      ctx.requireOnResource(await resourceOf(ctx.scope, input as z.output<S>));
      return next();
    });
}
