import { afterEach, describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";
import { openTotpSecret, sealTotpSecret } from "./totp";

const saved = process.env.NEXTAUTH_SECRET;
afterEach(() => {
  process.env.NEXTAUTH_SECRET = saved;
});

describe("secret box (AES-256-GCM under a key derived from NEXTAUTH_SECRET)", () => {
  it("opens what it sealed, and the sealed text shows nothing of the secret", () => {
    const sealed = seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "totp-secret", "user:1");
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(sealed.length).toBeLessThanOrEqual(255);
    expect(open(sealed, "totp-secret", "user:1")).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    // A fresh IV each time: the same secret never seals to the same text.
    expect(seal("same", "totp-secret", "user:1")).not.toBe(seal("same", "totp-secret", "user:1"));
  });

  it("refuses another row's value, another purpose, tampering and another key", () => {
    const sealed = seal("secret", "totp-secret", "user:1");
    expect(open(sealed, "totp-secret", "user:2")).toBeNull();
    expect(open(sealed, "other-purpose", "user:1")).toBeNull();
    const [v, iv, tag, data] = sealed.split(".");
    const flipped = `${v}.${iv}.${tag}.${data!.slice(0, -2)}${data!.slice(-2) === "AA" ? "AB" : "AA"}`;
    expect(open(flipped, "totp-secret", "user:1")).toBeNull();
    expect(open("garbage", "totp-secret", "user:1")).toBeNull();
    expect(open("v1.a.b.c.d", "totp-secret", "user:1")).toBeNull();
    process.env.NEXTAUTH_SECRET = "a-different-secret-after-rotation-0123456789";
    expect(open(sealed, "totp-secret", "user:1")).toBeNull();
  });

  it("binds an authenticator secret to its user", () => {
    const sealed = sealTotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "user-a");
    expect(openTotpSecret(sealed, "user-a")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(openTotpSecret(sealed, "user-b")).toBeNull();
    expect(openTotpSecret(null, "user-a")).toBeNull();
  });

  it("says plainly when there is no key to derive from", () => {
    delete process.env.NEXTAUTH_SECRET;
    expect(() => seal("x", "totp-secret", "user:1")).toThrow(/NEXTAUTH_SECRET/);
  });
});
