// Sign-in and session policy, in one place so tests and docs can name the numbers.
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const LOCKOUT = { maxAttempts: 5, lockMs: 15 * 60 * 1000 } as const;

/** Per-IP throttle on sign-in attempts; configurable for load tests and shared offices. */
export function ipSignInLimit(): { limit: number; windowMs: number } {
  return {
    limit: Number(process.env.AUTH_IP_MAX_ATTEMPTS ?? 30),
    windowMs: Number(process.env.AUTH_IP_WINDOW_SECONDS ?? 300) * 1000,
  };
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

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
