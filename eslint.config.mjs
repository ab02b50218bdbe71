import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import parley from "./eslint/db-boundary.mjs";

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
    // The tenancy wall (eslint/db-boundary.mjs says what it refuses and why).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/server/db/**"],
    plugins: { parley },
    rules: {
      "parley/db-boundary": "error",
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["@/generated/prisma/client"], importNames: ["PrismaClient"], message: "Only src/server/db/client.ts constructs a PrismaClient." },
        ],
      }],
    },
  },
);
