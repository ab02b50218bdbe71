// What people are told while Parley cannot reach its database. Shared by the server (API
// answers, the sign-in route) and the browser (error pages, the sign-in form), so it holds no
// server code.

export const DATABASE_UNAVAILABLE_MESSAGE = "Parley can't reach its database, try again shortly.";

/**
 * The digest a page error carries when the database was unreachable. Next.js keeps an error's
 * own `digest` (and sends only the digest to the browser in production), so the error page
 * can tell an outage from a bug without seeing any server text.
 */
export const DATABASE_UNAVAILABLE_DIGEST = "PARLEY_DATABASE_UNAVAILABLE";

/** The error name next-auth hands the sign-in form (`/login?error=…`) for an outage. */
export const DATABASE_UNAVAILABLE_SIGN_IN_ERROR = "DatabaseUnavailable";
