// Two-factor recovery codes: ten per enrolment, each single use, shown once. A code is 16
// characters from a 31-letter alphabet without look-alikes (79 random bits), written in four
// groups of four; only sha256(user id, code) is stored. 79 bits cannot be searched from the
// hash, so the hash needs no server key and survives a change of NEXTAUTH_SECRET (when the
// sealed authenticator secret does not, these are the way back in).
import { randomInt } from "node:crypto";
import { sha256Hex } from "@/lib/tokens";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no i, l, o, 0, 1
const LENGTH = 16;

function oneCode(): string {
  let code = "";
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, "$1-");
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(oneCode());
  return [...codes];
}

/** As typed: case, spaces and dashes do not matter. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");

export const looksLikeRecoveryCode = (code: string) => new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normalizeRecoveryCode(code));

export const hashRecoveryCode = (userId: string, code: string) => sha256Hex(`${userId}:${normalizeRecoveryCode(code)}`);
