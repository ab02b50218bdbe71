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
