import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./context";

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/trpc/x", { method: "POST", headers: { host: "localhost:3000", ...headers } });

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
});
