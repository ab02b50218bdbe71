import { authedProcedure, orgProcedure, publicProcedure, router } from "@/server/api/trpc";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, previewInvitation } from "./invitation-accept.service";
import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from "./invitations.service";
import { acceptAsNewUserSchema, invitationIdSchema, invitationTokenSchema, inviteSchema } from "./members.schema";

const read = { permission: { resource: "members", action: "read" } } as const;
const write = { permission: { resource: "members", action: "write" } } as const;

export const invitationsRouter = router({
  list: orgProcedure.meta(read).query(({ ctx }) => listInvitations(ctx.scope)),
  create: orgProcedure.meta(write).input(inviteSchema).mutation(({ ctx, input }) => createInvitation(ctx.scope, ctx.membership, input)),
  resend: orgProcedure.meta(write).input(invitationIdSchema).mutation(({ ctx, input }) => resendInvitation(ctx.scope, ctx.membership, input.id)),
  revoke: orgProcedure.meta(write).input(invitationIdSchema).mutation(({ ctx, input }) => revokeInvitation(ctx.scope, input.id)),

  // The invitee's side: the link alone says what it offers, signed out or in.
  preview: publicProcedure.input(invitationTokenSchema).query(({ input }) => previewInvitation(input.token)),
  accept: authedProcedure.input(invitationTokenSchema).mutation(({ ctx, input }) => acceptInvitationAsUser(input.token, ctx.session.user.id, ctx.meta)),
  acceptAsNewUser: publicProcedure.input(acceptAsNewUserSchema).mutation(({ ctx, input }) => acceptInvitationAsNewUser(input, ctx.meta)),
});
