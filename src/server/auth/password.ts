// Password hashing (argon2id with OWASP's minimum: m=19 MiB, t=2, p=1) and policy.
import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "./common-passwords.json" with { type: "json" };

// algorithm 2 is Argon2id (a const enum in the package's types, which isolatedModules cannot read).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as NonNullable<Parameters<typeof hash>[1]>;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// The 10,000 most common passwords (zxcvbn-ts common list, MIT), compared case-insensitively.
const COMMON = new Set((commonPasswords as string[]).map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes both answers take the same time.
let dummyHash: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword("parley-timing-equalizer");
  await verifyPassword(await dummyHash, password);
}
