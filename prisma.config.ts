import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's schema engine cannot be downloaded on these machines; generate only needs some
// executable to exist. Migrations are our own SQL (see src/server/db/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/schema-engine-stub.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/parley" },
});
