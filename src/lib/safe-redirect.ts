// Every redirect whose target came from a request (a `callbackUrl`, a "return to" parameter)
// goes through this one check. It parses the target the way browsers do (WHATWG URL) and
// compares origins, instead of looking at the first characters: browsers drop tabs and
// newlines anywhere in a URL and read "\" as "/", so "/\t/evil.example" and "/\evil.example"
// both become "//evil.example", another site.

/** Characters browsers strip from URLs or that have no business in one: C0 controls and DEL. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const MAX_LENGTH = 2048;

/**
 * A path on `base`'s origin to send the browser to (`/x?y#z`), or `fallback` when `input` is
 * missing, malformed or points anywhere else (another host, scheme or port, a protocol-relative
 * `//host`, `javascript:`…). The result always starts with exactly one "/".
 */
export function safeRedirectTarget(input: unknown, base: string, fallback = "/"): string {
  if (typeof input !== "string" || input === "" || input.length > MAX_LENGTH) return fallback;
  // Refused rather than repaired: a target that needs repairing was made to deceive.
  if (hasControlCharacter(input) || input.includes("\\")) return fallback;
  let origin: URL;
  let target: URL;
  try {
    origin = new URL(base);
    target = new URL(input, origin);
  } catch {
    return fallback;
  }
  if (target.origin !== origin.origin) return fallback;
  // "https://our.host//evil.example" is our origin, but its path alone would read as
  // protocol-relative: collapse leading slashes.
  const path = target.pathname.replace(/^\/+/, "/");
  return `${path}${target.search}${target.hash}`;
}
