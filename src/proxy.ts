// Next.js Proxy (what used to be middleware): gives each page its Content-Security-Policy with
// a fresh nonce (Next.js reads it from the request's CSP header and puts it on its scripts) and
// HSTS when served over https. The headers themselves are defined in
// src/server/http/security-headers.mjs, with those next.config.mjs sends on every response.
//
// API routes, static files and Server Action calls are left out: they are no pages, and a
// Proxy copies the body of every request it runs on into memory (see next.config.mjs).
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, pageSecurityHeaders } from "@/server/http/security-headers.mjs";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const options = {
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  };
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", contentSecurityPolicy(options));
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const { key, value } of pageSecurityHeaders(options)) response.headers.set(key, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-action" },
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
