/**
 * Text for a Prisma `contains` filter, taken literally. Prisma passes it into LIKE/ILIKE
 * unescaped, so a search for "100%" or "a_b" would otherwise treat % and _ as wildcards
 * (and "%" alone would match everything). PostgreSQL's default LIKE escape is the backslash.
 */
export const literalContains = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
