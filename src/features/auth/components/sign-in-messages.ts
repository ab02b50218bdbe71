// What each sign-in outcome says. Credentials errors come back from next-auth as these names
// (a wait as "Throttled:30"); OAuth refusals arrive on /login?error=….
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { unexpectedErrorMessage } from "@/lib/error-reference";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account.",
  AccountDisabled: "This account has been deactivated. Ask an administrator of your organization.",
  // Without a wait (an old link): the same words, no number.
  Throttled: "Too many failed attempts. Wait a few minutes, then try again.",
  RateLimited: "Too many sign-in attempts from your network. Wait a few minutes, then try again.",
  TwoFactorInvalid: "That code didn't work. Enter the current code from your authenticator app, or one of your recovery codes.",
  TwoFactorExpired: "That sign-in took too long to finish. Start again.",
  OAuthEmailUnverified:
    "That account has no verified email address, so Parley can't use it to sign you in. Verify your email with the provider, or sign in with your email and password.",
  OAuthAccountUnverified:
    "A Parley account with this email already exists, but its email address isn't verified yet. Sign in with your password and use the link we emailed you (or reset your password), then try again.",
  OAuthSignin: "Signing in with that provider didn't complete. Try again, or use your email and password.",
  OAuthCallback: "Signing in with that provider didn't complete. Try again, or use your email and password.",
  Callback: "Signing in with that provider didn't complete. Try again, or use your email and password.",
  AccessDenied: "Signing in with that provider didn't complete. Try again, or use your email and password.",
  DatabaseUnavailable: DATABASE_UNAVAILABLE_MESSAGE,
};

/** "30 seconds", "1 minute", "15 minutes". */
export function formatWait(seconds: number): string {
  if (seconds <= 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** A failure on our side arrives as ServerError-<ref>: the reference under which the server logged it. */
const SERVER_ERROR = /^ServerError-([0-9A-Z]{6})$/;

export function signInMessage(error: string): string {
  const ref = SERVER_ERROR.exec(error)?.[1];
  if (ref) return unexpectedErrorMessage(ref);
  const wait = /^(Throttled|RateLimited):(\d{1,6})$/.exec(error);
  if (wait) {
    const seconds = Number(wait[2]);
    return wait[1] === "Throttled"
      ? `Too many failed attempts. Try again in ${formatWait(seconds)}, or reset your password.`
      : `Too many sign-in attempts from your network. Try again in ${formatWait(seconds)}.`;
  }
  return MESSAGES[error] ?? "Sign-in failed. Try again.";
}
