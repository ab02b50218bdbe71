import { afterEach, describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./context";

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/trpc/x", { method: "POST", headers: { host: "localhost:3000", ...headers } });

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("isCrossSiteRequest", () => {
  it("refuses a POST whose Origin is another site", () => {
    expect(isCrossSiteRequest(post({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "null" }))).toBe(true);
  });
  it("allows same-origin POSTs, clients without Origin, and GETs", () => {
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3000" }))).toBe(false);
    expect(isCrossSiteRequest(post({}))).toBe(false);
    expect(isCrossSiteRequest(new Request("http://localhost:3000/api/trpc/x", { headers: { origin: "https://evil.example" } }))).toBe(false);
  });

  it("compares the whole origin with NEXTAUTH_URL's: scheme and port too, not just the host", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(isCrossSiteRequest(post({ origin: "https://localhost:3000" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3001" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3000.evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3000", "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(false);
    // The Host header does not decide: a forged one matching the Origin changes nothing.
    expect(isCrossSiteRequest(post({ origin: "http://evil.example", host: "evil.example" }))).toBe(true);
    process.env.NEXTAUTH_URL = "https://crm.example.com/";
    expect(isCrossSiteRequest(post({ origin: "https://crm.example.com" }))).toBe(false);
    expect(isCrossSiteRequest(post({ origin: "http://crm.example.com" }))).toBe(true);
  });
});
