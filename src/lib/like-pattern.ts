// Prisma passes the text of `contains` filters, and of `equals` filters with mode
// "insensitive" (which it compiles to ILIKE), into LIKE/ILIKE unescaped: "%" and "_" act as
// wildcards ("a_c" equals "abc"; "%" alone matches everything) and a trailing backslash is an
// error from PostgreSQL (a 500). PostgreSQL's default LIKE escape is the backslash.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Text for a Prisma `contains` filter, taken literally. */
export const literalContains = escapeLike;

/** Text for a Prisma `equals` filter with mode "insensitive": a case-insensitive comparison, taken literally. */
export const literalEquals = escapeLike;
