// Sign-in and session policy, in one place so tests and docs can name the numbers.
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * Wrong passwords (and two-factor codes) slow sign-in down; they never lock an account
 * (OWASP Authentication Cheat Sheet: throttle, don't hard-lock). Each budget (an account as
 * seen from unknown devices, and each known device on its own) allows `freeFailures` failures,
 * then waits `firstDelayMs` before the next attempt, doubling with every further failure up to
 * `maxDelayMs`. A success, a password reset, or a quiet `forgetAfterMs` starts it over.
 */
export const SIGN_IN_BACKOFF = {
  freeFailures: 5,
  firstDelayMs: 30 * 1000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 24 * HOUR,
} as const;

/** How long to wait after the `failures`-th consecutive failure before the next attempt. */
export function signInDelayMs(failures: number): number {
  const { freeFailures, firstDelayMs, maxDelayMs } = SIGN_IN_BACKOFF;
  if (failures < freeFailures) return 0;
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(failures - freeFailures, 30));
}

/** A known device (one that signed in to the account before) keeps its device cookie this long. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Per-IP throttle on sign-in attempts from unknown devices; configurable for load tests and shared offices. */
export function ipSignInLimit(): { limit: number; windowMs: number } {
  return {
    limit: Number(process.env.AUTH_IP_MAX_ATTEMPTS ?? 30),
    windowMs: Number(process.env.AUTH_IP_WINDOW_SECONDS ?? 300) * 1000,
  };
}

/** How long emailed links (and the OAuth two-factor step) stay usable. */
export const LINK_TTL_MS = {
  emailVerification: 24 * HOUR,
  emailChange: 24 * HOUR,
  passwordReset: HOUR,
  twoFactorChallenge: 10 * MINUTE,
} as const;

/** Fixed-window limits on account-security requests (counted in auth_rate_limits). */
export const ACCOUNT_LIMITS = {
  /** Reset emails per address: the same whether or not an account has it. */
  passwordResetPerEmail: { limit: 3, windowMs: HOUR },
  passwordResetPerIp: { limit: 20, windowMs: 15 * MINUTE },
  verificationResend: { limit: 5, windowMs: HOUR },
  emailChange: { limit: 5, windowMs: HOUR },
  /** Wrong current passwords (and codes) on the settings page, per user. */
  reauthentication: { limit: 5, windowMs: 15 * MINUTE },
  twoFactorSetup: { limit: 10, windowMs: 15 * MINUTE },
} as const;
