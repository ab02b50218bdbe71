import { describe, expect, it } from "vitest";
import { authRedirect } from "./options";

const baseUrl = "http://localhost:3000";

describe("next-auth's redirect callback", () => {
  it("keeps paths and URLs on our own origin", () => {
    expect(authRedirect({ url: "/acme/leads?x=1", baseUrl })).toBe("http://localhost:3000/acme/leads?x=1");
    expect(authRedirect({ url: "http://localhost:3000/acme", baseUrl })).toBe("http://localhost:3000/acme");
  });

  it("sends anything else home instead of away, and never throws on a malformed URL", () => {
    for (const url of ["http://localhost:3000.evil.example/", "https://evil.example/", "/\t/evil.example/x", "//evil.example", "/\\evil.example", "http://[bad"]) {
      expect(authRedirect({ url, baseUrl })).toBe("http://localhost:3000/");
    }
  });
});
