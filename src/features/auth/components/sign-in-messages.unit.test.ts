import { describe, expect, it } from "vitest";
import { signInMessage } from "./sign-in-messages";

describe("sign-in messages", () => {
  it("say how long to wait when sign-in is throttled", () => {
    expect(signInMessage("Throttled:30")).toBe("Too many failed attempts. Try again in 30 seconds, or reset your password.");
    expect(signInMessage("Throttled:900")).toBe("Too many failed attempts. Try again in 15 minutes, or reset your password.");
    expect(signInMessage("RateLimited:1")).toBe("Too many sign-in attempts from your network. Try again in 1 second.");
    expect(signInMessage("RateLimited")).toMatch(/Wait a few minutes/);
    expect(signInMessage("CredentialsSignin")).toMatch(/don't match an account/);
    expect(signInMessage("Throttled:1e9")).toBe("Sign-in failed. Try again.");
  });
});
