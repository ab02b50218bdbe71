import { orgProcedure, router } from "@/server/api/trpc";
import { changeRoleSchema, listMembersSchema, membershipIdSchema } from "./members.schema";
import {
  changeMemberRole, deactivateMember, listMembers, membersOverview, reactivateMember, removeMember, transferOwnership,
} from "./members.service";

const read = { permission: { resource: "members", action: "read" } } as const;
const write = { permission: { resource: "members", action: "write" } } as const;

export const membersRouter = router({
  list: orgProcedure.meta(read).input(listMembersSchema).query(({ ctx, input }) => listMembers(ctx.scope, input)),
  overview: orgProcedure.meta(read).query(({ ctx }) => membersOverview(ctx.scope, ctx.membership)),
  changeRole: orgProcedure.meta(write).input(changeRoleSchema).mutation(({ ctx, input }) => changeMemberRole(ctx.scope, ctx.membership, input)),
  deactivate: orgProcedure.meta(write).input(membershipIdSchema).mutation(({ ctx, input }) => deactivateMember(ctx.scope, ctx.membership, input.membershipId)),
  reactivate: orgProcedure.meta(write).input(membershipIdSchema).mutation(({ ctx, input }) => reactivateMember(ctx.scope, ctx.membership, input.membershipId)),
  remove: orgProcedure
    .meta({ permission: { resource: "members", action: "delete" } })
    .input(membershipIdSchema)
    .mutation(({ ctx, input }) => removeMember(ctx.scope, ctx.membership, input.membershipId)),
  /** The Owner hands ownership to another member (checked in the service: Owners only). */
  transferOwnership: orgProcedure
    .meta({ permission: { resource: "members", action: "admin" } })
    .input(membershipIdSchema)
    .mutation(({ ctx, input }) => transferOwnership(ctx.scope, ctx.membership, input.membershipId)),
});
