// An organization that requires two-factor authentication refuses members who have not turned
// it on: its API answers FORBIDDEN with this as the cause, and its pages send them to set it up.

export const TWO_FACTOR_SETUP_PATH = "/account/security";

export class TwoFactorRequired extends Error {
  constructor(readonly organization: { name: string; slug: string }, viaApiKey = false) {
    super(
      viaApiKey
        ? `${organization.name} requires two-factor authentication: the member who created this API key must turn it on before it can be used.`
        : `${organization.name} requires two-factor authentication. Turn it on under Account security (${TWO_FACTOR_SETUP_PATH}) to continue.`,
    );
    this.name = "TwoFactorRequired";
  }
}

/** Where a member without two-factor authentication is sent, to come back to the organization after. */
export const twoFactorSetupUrl = (orgSlug: string) => `${TWO_FACTOR_SETUP_PATH}?required=${encodeURIComponent(orgSlug)}#two-factor`;

/** The gate, if an error (or its cause) is one. */
export function twoFactorRequiredIn(error: unknown): TwoFactorRequired | null {
  if (error instanceof TwoFactorRequired) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof TwoFactorRequired ? cause : null;
}
