import { afterEach, describe, expect, it, vi } from "vitest";
import { signInMessage } from "@/features/auth/components/sign-in-messages";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { signInFailureCode, signInFailureResponse, withOutageStatus } from "./sign-in-failure";

const refused = { code: "P1001", message: "Can't reach database server at 10.1.2.3:5432", clientVersion: "7.10.0" };
const nextAuthAnswer = (error: string) =>
  Response.json({ url: `http://localhost:3000/api/auth/error?error=${error}` }, { status: 401, headers: { "set-cookie": "next-auth.csrf-token=x; Path=/" } });

afterEach(() => { vi.restoreAllMocks(); });

describe("sign-in failures on our side", () => {
  it("names an outage DatabaseUnavailable, which the form shows as the outage message", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(signInFailureCode(refused, "sign-in")).toBe("DatabaseUnavailable");
    expect(signInMessage("DatabaseUnavailable")).toBe(DATABASE_UNAVAILABLE_MESSAGE);
  });

  it("names anything else ServerError-<ref>, logged under that reference; the form shows the reference, never the text", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Error("column users.secret does not exist");
    const code = signInFailureCode(error, "sign-in (password)");
    const ref = /^ServerError-([0-9A-Z]{6})$/.exec(code)?.[1];
    expect(ref).toBeDefined();
    expect(logged).toHaveBeenCalledWith(`[ref ${ref}] sign-in (password) failed:`, error);
    expect(signInMessage(code)).toBe(`Something went wrong (ref ${ref}). It has been logged.`);
  });

  it("answers a failure around next-auth in the shape its signIn() reads: 503 for an outage", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const response = signInFailureResponse(new Request("http://localhost:3000/api/auth/callback/credentials", { method: "POST" }), refused);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: "DatabaseUnavailable", message: DATABASE_UNAVAILABLE_MESSAGE, url: "http://localhost:3000/login?error=DatabaseUnavailable" });
  });

  it("turns next-auth's 401 for an outage into a 503, leaving wrong passwords their 401", async () => {
    const outage = await withOutageStatus(nextAuthAnswer("DatabaseUnavailable"));
    expect(outage.status).toBe(503);
    expect(outage.headers.get("set-cookie")).toContain("next-auth.csrf-token");
    expect(await outage.json()).toEqual({ url: "http://localhost:3000/api/auth/error?error=DatabaseUnavailable" });
    expect((await withOutageStatus(nextAuthAnswer("CredentialsSignin"))).status).toBe(401);
  });
});
