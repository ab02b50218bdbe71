// Runs the house's tenancy audit (shared/checks/tenancy-audit.sql; a copy is kept in
// test/fixtures for clones without shared/) against the migrated schema.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_ROLE } from "@/server/db/config";
import { ownerPool } from "../helpers/fixtures";

const SHARED = path.resolve(import.meta.dirname, "../../../shared/checks/tenancy-audit.sql");
const VENDORED = path.resolve(import.meta.dirname, "../fixtures/tenancy-audit.sql");

/** The audit's problem query, with psql's variable and meta-command made plain SQL. */
async function problemQuery(): Promise<string> {
  const sql = await readFile(existsSync(SHARED) ? SHARED : VENDORED, "utf8");
  const firstStatement = sql.slice(sql.indexOf("WITH tenant AS"), sql.indexOf("ORDER BY problem, object;") + "ORDER BY problem, object".length);
  return firstStatement.replaceAll(":'app_role'", "$1");
}

describe("tenancy audit", () => {
  it("finds no problems in the migrated schema", async () => {
    const { rows } = await ownerPool().query((await problemQuery()), [APP_ROLE]);
    expect(rows).toEqual([]);
  });

  it("would catch a tenant table without RLS (the check is live)", async () => {
    const client = await ownerPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TABLE audit_probe (id uuid PRIMARY KEY, organization_id uuid NOT NULL)");
      const { rows } = await client.query(await problemQuery(), [APP_ROLE]);
      expect(rows.map((r) => r.problem)).toContain("RLS not enabled");
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
