export type SignInFailure =
  | "CredentialsSignin"
  /** Too many failures on this account (from this device, or from unknown devices): wait `retryAfterSeconds`. */
  | "Throttled"
  /** Too many attempts from this client address: wait `retryAfterSeconds`. */
  | "RateLimited"
  | "AccountDisabled"
  /** The password was right; the account needs its two-factor code too. */
  | "TwoFactorRequired"
  /** The password was right; the code was wrong, malformed or already used. */
  | "TwoFactorInvalid"
  /** The second step of an OAuth sign-in came too late (or twice). */
  | "TwoFactorExpired";

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    readonly retryAfterSeconds?: number,
  ) {
    super(retryAfterSeconds ? `${reason}:${retryAfterSeconds}` : reason);
  }
}
