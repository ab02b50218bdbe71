import { describe, expect, it } from "vitest";
import commonPasswords from "./common-passwords.json" with { type: "json" };
import { hashPassword, isCommonPassword, verifyPassword } from "./password";

describe("password policy", () => {
  it("ships the 10,000 most common passwords", () => {
    expect(commonPasswords).toHaveLength(10_000);
    expect(new Set(commonPasswords).size).toBe(10_000);
  });
  it("refuses common passwords whatever their case", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(isCommonPassword("12345678")).toBe(true);
    expect(isCommonPassword("correct-horse-battery-staple-42")).toBe(false);
  });
});

describe("argon2id hashing", () => {
  it("uses argon2id with m=19456 KiB, t=2, p=1 and verifies only the right password", async () => {
    const hash = await hashPassword("a perfectly fine passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "a perfectly fine passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a perfectly fine passphrasE")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});
