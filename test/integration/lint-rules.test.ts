// The tenancy wall has a lint rule: outside src/server/db nothing imports the raw client.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function messagesFor(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, "../..", file) });
  return result!.messages.map((m) => m.ruleId);
}

describe("lint: raw database clients", () => {
  it("refuses the raw client in features, routers and pages", async () => {
    const code = `import { appDb } from "@/server/db/client";\nexport const x = appDb;\n`;
    expect(await messagesFor("src/features/example/example.service.ts", code)).toContain("no-restricted-imports");
    expect(await messagesFor("src/app/(app)/[orgSlug]/example/page.tsx", code)).toContain("no-restricted-imports");
  });
  it("allows it inside src/server/db", async () => {
    const code = `import { appDb } from "./client";\nexport const x = appDb;\n`;
    expect(await messagesFor("src/server/db/example.ts", code)).not.toContain("no-restricted-imports");
  });
});
