// The account-security emails: one function per message, so the wording lives in one place
// and tests can read what was sent. Links are absolute (appUrl) and carry single-use tokens.
import { appUrl } from "@/server/email/config";
import { type RenderedEmail, renderEmail } from "@/server/email/layout";
import { sendEmail } from "@/server/email/mailer";

const NOT_YOU = "If this wasn't you, reset your password right away and review your sessions under Account security.";

export const accountEmails = {
  verifyEmail: (p: { firstName: string; token: string }) =>
    renderEmail({
      subject: "Verify your email address for Parley",
      heading: `Welcome to Parley, ${p.firstName}`,
      paragraphs: ["Please confirm this is your email address. Verified addresses can reset their password and sign in with Google, GitHub or Microsoft."],
      action: { label: "Verify my email", url: appUrl(`/verify-email?token=${encodeURIComponent(p.token)}`) },
      footer: "The link works for 24 hours. If you didn't create a Parley account, you can ignore this email.",
    }),

  confirmEmailChange: (p: { firstName: string; newEmail: string; token: string }) =>
    renderEmail({
      subject: "Confirm your new email address for Parley",
      heading: "Confirm your new email address",
      paragraphs: [`Hi ${p.firstName}, you asked to sign in to Parley with ${p.newEmail} from now on. Your address changes once you confirm it.`],
      action: { label: "Confirm new email", url: appUrl(`/verify-email?token=${encodeURIComponent(p.token)}`) },
      footer: "The link works for 24 hours. If you didn't ask for this, ignore this email: nothing changes.",
    }),

  emailChanged: (p: { firstName: string; oldEmail: string; newEmail: string }) =>
    renderEmail({
      subject: "Your Parley email address was changed",
      heading: "Your email address was changed",
      paragraphs: [`Hi ${p.firstName}, the email address you sign in to Parley with was changed from ${p.oldEmail} to ${p.newEmail}. We won't send account email to ${p.oldEmail} any more.`],
      footer: "If you didn't make this change, contact your Parley administrator right away: someone else may have access to your account.",
    }),

  passwordReset: (p: { firstName: string; token: string }) =>
    renderEmail({
      subject: "Reset your Parley password",
      heading: "Reset your password",
      paragraphs: [`Hi ${p.firstName}, someone (hopefully you) asked to reset the password for your Parley account. Choose a new one with the button below.`],
      action: { label: "Choose a new password", url: appUrl(`/reset-password?token=${encodeURIComponent(p.token)}`) },
      footer: "The link works once, for 1 hour. If you didn't ask for this, ignore this email: your password stays as it is.",
    }),

  passwordChanged: (p: { firstName: string; how: "reset" | "changed"; sessionsEnded: number }) =>
    renderEmail({
      subject: "Your Parley password was changed",
      heading: "Your password was changed",
      paragraphs: [
        `Hi ${p.firstName}, the password for your Parley account was ${p.how === "reset" ? "reset with an emailed link" : "changed from your account settings"}.`,
        p.sessionsEnded
          ? `We signed you out everywhere else (${p.sessionsEnded} ${p.sessionsEnded === 1 ? "session" : "sessions"}).`
          : "No other sessions were signed in.",
      ],
      action: { label: "Review account security", url: appUrl("/account/security") },
      footer: NOT_YOU,
    }),

  twoFactorEnabled: (p: { firstName: string }) =>
    renderEmail({
      subject: "Two-factor authentication is on for your Parley account",
      heading: "Two-factor authentication is on",
      paragraphs: [`Hi ${p.firstName}, from now on Parley asks for a code from your authenticator app when you sign in. Keep your recovery codes somewhere safe: they get you in if you lose your phone.`],
      action: { label: "Review account security", url: appUrl("/account/security") },
      footer: NOT_YOU,
    }),

  twoFactorDisabled: (p: { firstName: string }) =>
    renderEmail({
      subject: "Two-factor authentication was turned off for your Parley account",
      heading: "Two-factor authentication is off",
      paragraphs: [`Hi ${p.firstName}, two-factor authentication was turned off for your Parley account. Signing in now needs only your password.`],
      action: { label: "Turn it back on", url: appUrl("/account/security") },
      footer: NOT_YOU,
    }),

  recoveryCodeUsed: (p: { firstName: string; remaining: number }) =>
    renderEmail({
      subject: "A recovery code was used to sign in to Parley",
      heading: "A recovery code was used",
      paragraphs: [
        `Hi ${p.firstName}, someone signed in to your Parley account with one of your two-factor recovery codes. ${p.remaining === 0 ? "You have no recovery codes left." : `You have ${p.remaining} left.`}`,
        "If you've lost your authenticator, generate new recovery codes or set two-factor authentication up again under Account security.",
      ],
      action: { label: "Review account security", url: appUrl("/account/security") },
      footer: NOT_YOU,
    }),
} satisfies Record<string, (p: never) => RenderedEmail>;

/**
 * Sends after the change it reports has committed; a failed send is logged, not thrown (the
 * change stands, and the person can ask again).
 */
export async function deliver(to: string, email: RenderedEmail): Promise<void> {
  try {
    await sendEmail(to, email);
  } catch (error) {
    console.error(`could not send "${email.subject}":`, error instanceof Error ? error.message : error);
  }
}
