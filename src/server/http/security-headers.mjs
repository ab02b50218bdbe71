// Every security header Parley sends, in one place. Plain JavaScript so that next.config.mjs
// (headers on every response, fixed at build time) and src/proxy.ts (pages, per request) read
// the same list.

/** On every response, pages, API and static files alike. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // CSP's frame-ancestors says the same to current browsers; this is for older ones.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce: Next.js
 * puts it on its own scripts (the framework, the page's chunks and the inline RSC payload) when
 * it finds it in the request's CSP header, and 'strict-dynamic' lets those load further chunks.
 * No 'unsafe-inline' for scripts, so injected markup cannot run code. Styles allow inline:
 * React renders `style` attributes (charts, progress bars) that no nonce can cover, and CSS
 * cannot run code. Images may come from any https URL (organization logos).
 * @param {{ nonce: string, dev: boolean, https: boolean }} options
 */
export function contentSecurityPolicy({ nonce, dev, https }) {
  return [
    "default-src 'self'",
    // React uses eval() in development only, for its error overlays.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${https ? "" : " http:"}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * What a page response adds to the static headers: its CSP, and HSTS when the app is served
 * over https (NEXTAUTH_URL says so; HSTS over http is ignored by browsers and would be a lie).
 * @param {{ nonce: string, dev: boolean, https: boolean }} options
 */
export function pageSecurityHeaders(options) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    ...(options.https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
