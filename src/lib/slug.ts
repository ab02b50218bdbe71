// Organization slugs are the first path segment of every product URL, so they must never
// collide with the app's own top-level routes.
export const RESERVED_SLUGS = new Set([
  "about", "account", "admin", "api", "app", "auth", "billing", "blog", "dashboard", "docs",
  "help", "login", "logout", "new", "orgs", "pricing", "privacy", "public", "settings",
  "signin", "signout", "signup", "static", "status", "support", "terms", "www", "_next",
]);

export const SLUG_MAX_LENGTH = 48;

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, "");
  if (!slug) return "org";
  return RESERVED_SLUGS.has(slug) ? `${slug}-org` : slug;
}

/** slugify(name), then -2, -3, ... until `taken` says no. */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/g, "") + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
