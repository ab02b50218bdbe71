import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects. "unit": tests that need no database (*.unit.test.ts), run in parallel. "db":
// everything else, against one real PostgreSQL the global setup migrates; its files run one
// after another so counts in them stay meaningful.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    setupFiles: ["test/setup/server-only.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.unit.test.ts", "test/**/*.unit.test.ts"],
          env: { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || "parley-test-nextauth-secret-0123456789" },
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.unit.test.ts", "**/node_modules/**"],
          globalSetup: ["test/setup/global-db.ts"],
          fileParallelism: false,
        },
      },
    ],
  },
});
