import { describe, expect, it } from "vitest";
import { STATIC_SECURITY_HEADERS, pageSecurityHeaders } from "./security-headers.mjs";

const header = (entries: { key: string; value: string }[], key: string) => entries.find((h) => h.key === key)?.value;

describe("security headers", () => {
  it("send HSTS and upgrade-insecure-requests only when the app is served over https", () => {
    const https = pageSecurityHeaders({ nonce: "abc", dev: false, https: true });
    expect(header(https, "Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
    expect(header(https, "Content-Security-Policy")).toContain("upgrade-insecure-requests");
    const http = pageSecurityHeaders({ nonce: "abc", dev: false, https: false });
    expect(header(http, "Strict-Transport-Security")).toBeUndefined();
    expect(header(http, "Content-Security-Policy")).not.toContain("upgrade-insecure-requests");
  });

  it("allow eval in development only, and never inline scripts", () => {
    const csp = (dev: boolean) => header(pageSecurityHeaders({ nonce: "n0nce", dev, https: false }), "Content-Security-Policy")!;
    expect(csp(true)).toContain("'unsafe-eval'");
    expect(csp(false)).not.toContain("'unsafe-eval'");
    expect(csp(false)).toMatch(/script-src 'self' 'nonce-n0nce' 'strict-dynamic';/);
  });

  it("turn camera, microphone and geolocation off everywhere", () => {
    expect(header(STATIC_SECURITY_HEADERS, "Permissions-Policy")).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  });
});
