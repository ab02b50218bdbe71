// Runs the house's foreign-key index audit (shared/checks/fk-index-audit.sql; a copy is kept in
// test/fixtures for clones without shared/) against the migrated schema: every foreign key needs
// an index starting with its columns, or deleting parent rows scans the child table per row.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownerPool } from "../helpers/fixtures";

const SHARED = path.resolve(import.meta.dirname, "../../../shared/checks/fk-index-audit.sql");
const VENDORED = path.resolve(import.meta.dirname, "../fixtures/fk-index-audit.sql");

const audit = async () => readFile(existsSync(SHARED) ? SHARED : VENDORED, "utf8");

describe("foreign-key index audit", () => {
  it("finds no foreign key without a leading index in the migrated schema", async () => {
    const { rows } = await ownerPool().query(await audit());
    expect(rows).toEqual([]);
  });

  it("would catch a foreign key without one (the check is live)", async () => {
    const client = await ownerPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TABLE fk_audit_probe (id uuid PRIMARY KEY, user_id uuid REFERENCES users (id))");
      const { rows } = await client.query(await audit());
      expect(rows).toEqual([expect.objectContaining({ table: "fk_audit_probe", "columns without a leading index": "user_id" })]);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
