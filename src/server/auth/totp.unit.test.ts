import { describe, expect, it } from "vitest";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "./recovery-codes";
import { TOTP_PERIOD_SECONDS, currentTimeStep, formatSecret, isTotpCode, newTotpSecret, totpCodeNow, totpUri, verifyTotp } from "./totp";

const at = (step: number) => step * TOTP_PERIOD_SECONDS * 1000 + 5_000;

describe("TOTP (RFC 6238: SHA-1, 6 digits, 30 s)", () => {
  it("matches the RFC 6238 test vector for SHA-1", async () => {
    // RFC 6238 appendix B: secret "12345678901234567890" (base32 below), T = 59 s → 94287082 (8 digits) → 287082.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(await totpCodeNow(secret, 59_000)).toBe("287082");
  });

  it("makes 160-bit secrets and an otpauth URI an authenticator app can scan", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(decodeURIComponent(uri.pathname)).toContain("Parley:ada@example.com");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Parley");
    expect(formatSecret("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });

  it("accepts the code for now and one step either side, and returns its step", async () => {
    const secret = newTotpSecret();
    const step = 60_000_000;
    const now = at(step);
    expect(await verifyTotp(secret, await totpCodeNow(secret, now), null, now)).toBe(step);
    expect(await verifyTotp(secret, await totpCodeNow(secret, at(step - 1)), null, now)).toBe(step - 1);
    expect(await verifyTotp(secret, await totpCodeNow(secret, at(step + 1)), null, now)).toBe(step + 1);
    expect(await verifyTotp(secret, await totpCodeNow(secret, at(step - 3)), null, now)).toBeNull();
    expect(await verifyTotp(secret, await totpCodeNow(secret, at(step + 3)), null, now)).toBeNull();
  });

  it("never accepts a code for a step at or before the last one used (replay)", async () => {
    const secret = newTotpSecret();
    const step = 60_000_100;
    const now = at(step);
    const code = await totpCodeNow(secret, now);
    expect(await verifyTotp(secret, code, step - 1, now)).toBe(step);
    expect(await verifyTotp(secret, code, step, now)).toBeNull();
    expect(await verifyTotp(secret, await totpCodeNow(secret, at(step + 1)), step, now)).toBe(step + 1);
    // A recorded step from a clock that ran ahead refuses, rather than throws.
    expect(await verifyTotp(secret, code, step + 50, now)).toBeNull();
  });

  it("refuses malformed codes without throwing, and tolerates spaces", async () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const code = await totpCodeNow(secret, now);
    expect(await verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).toBe(currentTimeStep(now));
    for (const bad of ["", "12345", "1234567", "abcdef", "12345x", "９９９９９９"]) expect(await verifyTotp(secret, bad, null, now)).toBeNull();
    expect(await verifyTotp("not base32!", "123456", null, now)).toBeNull();
    expect(isTotpCode("123 456")).toBe(true);
    expect(isTotpCode("abcd-efgh")).toBe(false);
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes of 16 characters in groups of four, without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(code).not.toMatch(/[ilo01]/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
    }
  });

  it("hash the normalized code with the user id: case, spaces and dashes do not matter, users differ", () => {
    const [code] = newRecoveryCodes(1);
    expect(normalizeRecoveryCode(` ${code!.toUpperCase().replaceAll("-", " ")} `)).toBe(code!.replaceAll("-", ""));
    expect(hashRecoveryCode("u1", code!.toUpperCase())).toBe(hashRecoveryCode("u1", code!));
    expect(hashRecoveryCode("u1", code!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("u2", code!)).not.toBe(hashRecoveryCode("u1", code!));
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
