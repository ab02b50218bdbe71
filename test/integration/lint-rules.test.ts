// The tenancy wall has a lint rule (eslint/db-boundary.mjs): outside src/server/db nothing
// reaches the raw client, a driver or the database URLs, however the import is spelled.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });
const RULE = "parley/db-boundary";

async function messagesFor(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, "../..", file) });
  return result!.messages.map((m) => m.ruleId);
}

describe("lint: raw database clients", () => {
  it("refuses the raw client in features, routers and pages", async () => {
    const code = `import { appDb } from "@/server/db/client";\nexport const x = appDb;\n`;
    expect(await messagesFor("src/features/example/example.service.ts", code)).toContain(RULE);
    expect(await messagesFor("src/app/(app)/[orgSlug]/example/page.tsx", code)).toContain(RULE);
  });

  it("refuses it however the path is spelled: relative from src/server/*, or loaded with import()", async () => {
    expect(await messagesFor("src/server/api/example.ts", `import { appDb } from "../db/client";\nexport const x = appDb;\n`)).toContain(RULE);
    expect(await messagesFor("src/server/auth/example.ts", `import { systemDb } from "../db/client.ts";\nexport const x = systemDb;\n`)).toContain(RULE);
    expect(await messagesFor("src/features/example/example.service.ts", `export const x = () => import("@/server/db/client");\n`)).toContain(RULE);
    expect(await messagesFor("src/server/api/example.ts", `export const x = () => import("../db/client");\n`)).toContain(RULE);
  });

  it("refuses an import() whose path it cannot read", async () => {
    expect(await messagesFor("src/features/example/example.service.ts", `export const x = (m: string) => import(m);\n`)).toContain(RULE);
  });

  it("refuses drivers and database URLs in features: a feature cannot open a connection as the system role", async () => {
    for (const driver of ["pg", "pg-boss", "@prisma/adapter-pg"]) {
      expect(await messagesFor("src/features/example/example.service.ts", `import x from "${driver}";\nexport const y = x;\n`)).toContain(RULE);
    }
    expect(await messagesFor("src/features/example/example.service.ts", `import { systemDatabaseUrl } from "@/server/db/config";\nexport const y = systemDatabaseUrl;\n`)).toContain(RULE);
    // The job queue is pg-boss's one home outside src/server/db.
    expect(await messagesFor("src/server/jobs/example.ts", `import PgBoss from "pg-boss";\nexport const y = PgBoss;\n`)).not.toContain(RULE);
  });

  it("refuses server code in a client component, types excepted", async () => {
    const file = "src/features/example/components/example-form.tsx";
    expect(await messagesFor(file, `"use client";\nimport { findMembership } from "@/server/db/system/sessions";\nexport const x = findMembership;\n`)).toContain(RULE);
    expect(await messagesFor(file, `"use client";\nimport { requestMeta } from "@/server/auth/request-meta";\nexport const x = requestMeta;\n`)).toContain(RULE);
    expect(await messagesFor(file, `"use client";\nimport type { AppRouter } from "@/server/api/root";\nexport type X = AppRouter;\n`)).not.toContain(RULE);
  });

  it("allows it inside src/server/db, and a feature's own client.ts anywhere", async () => {
    expect(await messagesFor("src/server/db/example.ts", `import { appDb } from "./client";\nexport const x = appDb;\n`)).not.toContain(RULE);
    expect(await messagesFor("src/features/example/example.service.ts", `import { thing } from "./client";\nexport const x = thing;\n`)).not.toContain(RULE);
    expect(await messagesFor("src/features/example/components/a.tsx", `import { thing } from "../client";\nexport const x = thing;\n`)).not.toContain(RULE);
  });
});
