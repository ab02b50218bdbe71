import { orgProcedure, router } from "@/server/api/trpc";
import { globalSearchSchema, type SearchKind } from "./search.schema";
import { globalSearch } from "./search.service";

// Each kind is searched only when the member's role may read it.
const KIND_PERMISSION: Record<SearchKind, string> = {
  lead: "leads:read", company: "companies:read", contact: "contacts:read", opportunity: "opportunities:read",
};

export const searchRouter = router({
  global: orgProcedure.input(globalSearchSchema).query(({ ctx, input }) => {
    const kinds = (Object.keys(KIND_PERMISSION) as SearchKind[]).filter((k) => ctx.membership.permissions.includes(KIND_PERMISSION[k]));
    return globalSearch(ctx.scope, input, kinds);
  }),
});
