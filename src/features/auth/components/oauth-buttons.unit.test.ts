import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { configuredOAuthProviders } from "@/server/auth/oauth";
import { OAuthButtons } from "./oauth-buttons";

const render = (env: Record<string, string>) =>
  renderToStaticMarkup(createElement(OAuthButtons, { providers: configuredOAuthProviders(env), callbackUrl: "/dashboard" }));

describe("the sign-in page's provider buttons", () => {
  it("are absent when no provider is configured", () => {
    expect(render({})).toBe("");
    expect(render({ GOOGLE_CLIENT_ID: "only-an-id" })).toBe("");
  });

  it("show exactly the configured providers", () => {
    const html = render({ GITHUB_ID: "id", GITHUB_SECRET: "secret", AZURE_AD_CLIENT_ID: "id", AZURE_AD_CLIENT_SECRET: "secret" });
    expect(html).toContain("Continue with GitHub");
    expect(html).toContain("Continue with Microsoft");
    expect(html).not.toContain("Continue with Google");
    expect(html).toContain('aria-label="Other ways to sign in"');
  });
});
