import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "src/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Config files run in Node.
  { files: ["*.mjs"], languageOptions: { globals: { process: "readonly" } } },
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The tenancy wall: only src/server/db reaches the database clients. Routers and services
    // get the scoped transaction from orgProcedure; cross-org work is a named function in system.ts.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/server/db/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["@/server/db/client", "**/server/db/client", "./client"], message: "Use the scoped transaction (withOrg / orgProcedure) or a named function in src/server/db/system.ts." },
          { group: ["@/generated/prisma/client"], importNames: ["PrismaClient"], message: "Only src/server/db/client.ts constructs a PrismaClient." },
        ],
      }],
    },
  },
);
