// The signed-in person's own credentials, through the SECURITY DEFINER functions of
// prisma/migrations/20261202090000_own_credentials: the app role cannot read or write
// users.password_hash, two_factor_secret or two_factor_last_step itself (it sees co-members'
// rows too). Each function touches only app.current_user_id's row, in the caller's transaction,
// so a change and what goes with it (ended sessions, spent codes) commit or roll back together.
// Review additions here as carefully as ./system/.
import type { Tx } from "./tenant";

export interface OwnCredentials {
  passwordHash: string | null;
  /** AES-256-GCM ciphertext (src/server/auth/secret-box.ts), never the secret. */
  twoFactorSecret: string | null;
  twoFactorLastStep: number | null;
}

/** Null when the scope has no signed-in user, or the account is gone. */
export async function readOwnCredentials(tx: Tx): Promise<OwnCredentials | null> {
  const [row] = await tx.$queryRaw<{ password_hash: string | null; two_factor_secret: string | null; two_factor_last_step: number | null }[]>`
    SELECT password_hash, two_factor_secret, two_factor_last_step FROM parley_own_credentials()`;
  return row ? { passwordHash: row.password_hash, twoFactorSecret: row.two_factor_secret, twoFactorLastStep: row.two_factor_last_step } : null;
}

async function succeeded(query: Promise<{ ok: boolean }[]>): Promise<boolean> {
  const [row] = await query;
  return row?.ok === true;
}

/** False when the hash is no longer `verifiedHash` (the password changed meanwhile). */
export function setOwnPasswordHash(tx: Tx, verifiedHash: string, newHash: string): Promise<boolean> {
  return succeeded(tx.$queryRaw<{ ok: boolean }[]>`SELECT parley_set_own_password_hash(${verifiedHash}, ${newHash}) AS ok`);
}

/** False when this time step, or a later one, was accepted already: a code works once. */
export function spendOwnTotpStep(tx: Tx, step: number): Promise<boolean> {
  return succeeded(tx.$queryRaw<{ ok: boolean }[]>`SELECT parley_spend_own_totp_step(${step}::int) AS ok`);
}

/** Stores the sealed secret of a setup not yet confirmed; false when two-factor is already on. */
export function beginOwnTwoFactor(tx: Tx, sealedSecret: string): Promise<boolean> {
  return succeeded(tx.$queryRaw<{ ok: boolean }[]>`SELECT parley_begin_own_two_factor(${sealedSecret}) AS ok`);
}

/** Turns it on, if the stored secret is still the one the code was checked against. */
export function enableOwnTwoFactor(tx: Tx, sealedSecret: string, step: number): Promise<boolean> {
  return succeeded(tx.$queryRaw<{ ok: boolean }[]>`SELECT parley_enable_own_two_factor(${sealedSecret}, ${step}::int) AS ok`);
}

/** Turns it off and forgets the secret; false when it was not on. */
export function disableOwnTwoFactor(tx: Tx): Promise<boolean> {
  return succeeded(tx.$queryRaw<{ ok: boolean }[]>`SELECT parley_disable_own_two_factor() AS ok`);
}
