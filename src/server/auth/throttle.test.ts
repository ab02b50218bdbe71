import { afterEach, describe, expect, it } from "vitest";
import { throttleSignIn } from "./throttle";

const attempt = (ip: string) =>
  throttleSignIn(new Request("http://localhost:3000/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": ip } }));

afterEach(() => {
  delete process.env.AUTH_IP_MAX_ATTEMPTS;
});

describe("per-IP sign-in throttle", () => {
  it("answers 429 with Retry-After once an address uses up its window, and only that address", async () => {
    process.env.AUTH_IP_MAX_ATTEMPTS = "3";
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}, 10.0.0.1`;
    for (let i = 0; i < 3; i++) expect(await attempt(ip)).toBeNull();
    const refused = await attempt(ip);
    expect(refused?.status).toBe(429);
    const retryAfter = Number(refused?.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await refused?.json()).toMatchObject({ error: "RateLimited" });
    expect(await attempt("198.51.100.250")).toBeNull();
  });
});
