import { z } from "zod";
import { emailSchema, passwordSchema } from "@/features/auth/auth.schema";

/** An invite link works for 7 days; resending issues a new link and restarts the clock. */
export const INVITATION_TTL_DAYS = 7;
export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;

export const MEMBERSHIP_STATUSES = ["active", "deactivated"] as const;
export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Pickers (owners, assignees) want active members, the default; the members page asks for all. */
export const listMembersSchema = z
  .object({
    search: z.string().trim().max(200).optional(),
    status: z.enum([...MEMBERSHIP_STATUSES, "all"]).default("active"),
  })
  .default({ status: "active" });

export const membershipIdSchema = z.object({ membershipId: z.uuid("Unknown member") });

export const changeRoleSchema = z.object({
  membershipId: z.uuid("Unknown member"),
  roleId: z.uuid("Choose a role from the list"),
});

/** The invite form and the procedure: one address and the role they join with. */
export const inviteSchema = z.object({
  email: emailSchema.transform((e) => e.toLowerCase()),
  roleId: z.uuid("Choose a role from the list"),
});
export type InviteInput = z.input<typeof inviteSchema>;

export const invitationIdSchema = z.object({ id: z.uuid("Unknown invitation") });

/** Whatever a link carries reaches the service, which answers "not valid" for anything odd. */
export const invitationTokenSchema = z.object({ token: z.string().max(512, "This invitation link is not valid") });

const personName = (label: string) => z.string().trim().min(1, `Enter your ${label}`).max(100, `Your ${label} is too long`);

/** Creating an account from an invitation: the email is the invited one, so it is not asked. */
export const acceptAsNewUserSchema = z.object({
  token: z.string().max(512, "This invitation link is not valid"),
  firstName: personName("first name"),
  lastName: z.string().trim().max(100, "Your last name is too long").default(""),
  password: passwordSchema,
});
export type AcceptAsNewUserInput = z.input<typeof acceptAsNewUserSchema>;
