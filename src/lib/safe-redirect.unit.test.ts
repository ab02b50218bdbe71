import { describe, expect, it } from "vitest";
import { safeRedirectTarget } from "./safe-redirect";

const BASE = "http://localhost:3000";
const target = (input: unknown) => safeRedirectTarget(input, BASE);

describe("safeRedirectTarget", () => {
  it("keeps paths on our own origin, with their query and fragment", () => {
    expect(target("/acme/leads")).toBe("/acme/leads");
    expect(target("/acme/leads?status=new&page=2#top")).toBe("/acme/leads?status=new&page=2#top");
    expect(target("acme/leads")).toBe("/acme/leads");
    expect(target("http://localhost:3000/acme")).toBe("/acme");
    expect(target("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it.each([
    ["a tab", "/\t/evil.example/x"],
    ["a newline", "/\n/evil.example/x"],
    ["a carriage return", "/\r/evil.example/x"],
    ["a tab inside the scheme", "ht\ttp://evil.example/"],
    ["a backslash", "/\\evil.example"],
    ["backslashes only", "\\\\evil.example"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a protocol-relative URL with three slashes", "///evil.example/x"],
    ["a leading space", " //evil.example"],
    ["another host", "https://evil.example/x"],
    ["a look-alike host", "http://localhost:3000.evil.example/"],
    ["a host that only starts like ours", "http://localhost.evil.example:3000/"],
    ["credentials before another host", "http://localhost:3000@evil.example/"],
    ["another scheme on our host", "https://localhost:3000/"],
    ["another port on our host", "http://localhost:3001/"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["an empty string", ""],
    ["a very long URL", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_label, input) => {
    expect(target(input)).toBe("/");
  });

  it("refuses what is not a string, and uses the fallback it is given", () => {
    expect(target(null)).toBe("/");
    expect(target(["/a"])).toBe("/");
    expect(safeRedirectTarget("//evil.example", BASE, "/dashboard")).toBe("/dashboard");
  });

  it("never returns a path a browser would read as another host", () => {
    // Our own origin with an empty first segment: the path alone would be protocol-relative.
    expect(target("http://localhost:3000//evil.example/x")).toBe("/evil.example/x");
    expect(target("/.//evil.example")).toBe("/evil.example");
  });

  it("compares against the origin of the base, whatever its path", () => {
    expect(safeRedirectTarget("https://crm.example.com/acme", "https://crm.example.com/login?x=1")).toBe("/acme");
    expect(safeRedirectTarget("http://crm.example.com/acme", "https://crm.example.com")).toBe("/");
  });
});
