import { formatDate } from "@/lib/dates";
import { appUrl } from "@/server/email/config";
import { type RenderedEmail, renderEmail } from "@/server/email/layout";

/** The path an invitation's link opens; the token is only ever in this link and the email. */
export const invitePath = (token: string) => `/invite/${token}`;

export function invitationEmail(input: {
  token: string;
  organizationName: string;
  roleName: string;
  inviter: { fullName: string; email: string } | null;
  expiresAt: Date;
  resent?: boolean;
}): RenderedEmail {
  const who = input.inviter ? `${input.inviter.fullName} (${input.inviter.email})` : "An administrator";
  const by = input.inviter ? input.inviter.fullName : "An administrator";
  return renderEmail({
    subject: `${by} invited you to join ${input.organizationName} on Parley`,
    heading: `Join ${input.organizationName} on Parley`,
    paragraphs: [
      `${who} invited you to join ${input.organizationName} on Parley, the CRM your team uses for leads, deals and customers. You'll join as ${input.roleName}.`,
      ...(input.resent ? ["This is a new link: any earlier invitation link no longer works."] : []),
      `The link works once and expires on ${formatDate(input.expiresAt)}.`,
    ],
    action: { label: "Accept the invitation", url: appUrl(invitePath(input.token)) },
    footer: "Not expecting this? You can ignore this email; nothing happens unless you accept.",
  });
}
