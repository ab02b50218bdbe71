// schema.prisma (what the generated client believes) must equal the migrated catalog (what
// the SQL migrations built): tables, columns, types, nullability, enums and foreign keys.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDMMF } from "@prisma/internals";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerPool } from "../helpers/fixtures";

type Dmmf = Awaited<ReturnType<typeof getDMMF>>;
type Model = Dmmf["datamodel"]["models"][number];
type Field = Model["fields"][number];

interface Column {
  table: string;
  column: string;
  nullable: boolean;
  type: string;
}

let dmmf: Dmmf;
let columns: Column[];
let foreignKeys: { table: string; columns: string[]; refTable: string; refColumns: string[] }[];
let enums: Map<string, string[]>;

const SCALAR_TYPES: Record<string, string> = {
  Int: "integer", BigInt: "bigint", Boolean: "boolean", Json: "jsonb", Float: "double precision",
  String: "text", DateTime: "timestamp(3) without time zone", Decimal: "numeric(65,30)", Bytes: "bytea",
};

/** The PostgreSQL type Prisma expects for a field, spelled as format_type() spells it. */
function expectedType(field: Field, enumDbNames: Map<string, string>): string {
  let base: string;
  if (field.kind === "enum") base = enumDbNames.get(field.type) ?? field.type;
  else if (field.nativeType) {
    const [name, args] = field.nativeType as [string, string[]];
    const native: Record<string, string> = {
      Uuid: "uuid", VarChar: "character varying", Char: "character", Text: "text", Timestamptz: "timestamp with time zone",
      Timestamp: "timestamp without time zone", Date: "date", Decimal: "numeric", Inet: "inet", Citext: "citext",
      SmallInt: "smallint", Integer: "integer", BigInt: "bigint", DoublePrecision: "double precision", Real: "real",
      JsonB: "jsonb", Json: "json", Boolean: "boolean", Time: "time without time zone",
    };
    base = native[name] ?? name.toLowerCase();
    if (args.length && !(name === "Timestamptz" && args[0] === "6") && !(name === "Timestamp" && args[0] === "6")) base += `(${args.join(",")})`;
  } else base = SCALAR_TYPES[field.type] ?? field.type;
  return field.isList ? `${base}[]` : base;
}

const dbName = (model: Model) => model.dbName ?? model.name;
const columnName = (field: Field) => field.dbName ?? field.name;

beforeAll(async () => {
  const datamodel = await readFile(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  dmmf = await getDMMF({ datamodel });
  const db = ownerPool();
  columns = (
    await db.query<Column>(`
      SELECT c.relname AS table, a.attname AS column, NOT a.attnotnull AS nullable, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`)
  ).rows;
  foreignKeys = (
    await db.query(`
      SELECT c.relname AS table, r.relname AS "refTable",
        (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS columns,
        (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS "refColumns"
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`)
  ).rows;
  const enumRows = (
    await db.query<{ name: string; labels: string[] }>(`
      SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`)
  ).rows;
  enums = new Map(enumRows.map((r) => [r.name, r.labels]));
});

describe("schema.prisma matches the migrated database", () => {
  it("has a model for every table and a table for every model", () => {
    const tables = new Set(columns.map((c) => c.table));
    expect([...new Set(dmmf.datamodel.models.map(dbName))].sort()).toEqual([...tables].sort());
  });

  it("has the same columns, types and nullability", () => {
    const enumDbNames = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
    const problems: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const table = dbName(model);
      const actual = new Map(columns.filter((c) => c.table === table).map((c) => [c.column, c]));
      const scalarFields = model.fields.filter((f) => f.kind !== "object");
      for (const field of scalarFields) {
        const column = actual.get(columnName(field));
        if (!column) {
          problems.push(`${table}.${columnName(field)}: in schema.prisma, not in the database`);
          continue;
        }
        const type = expectedType(field, enumDbNames);
        if (column.type !== type) problems.push(`${table}.${column.column}: prisma ${type}, database ${column.type}`);
        if (column.nullable === field.isRequired) problems.push(`${table}.${column.column}: prisma ${field.isRequired ? "required" : "optional"}, database ${column.nullable ? "NULL" : "NOT NULL"}`);
      }
      const modelled = new Set(scalarFields.map(columnName));
      for (const column of actual.keys()) if (!modelled.has(column)) problems.push(`${table}.${column}: in the database, not in schema.prisma`);
    }
    expect(problems).toEqual([]);
  });

  it("has the same enums", () => {
    for (const e of dmmf.datamodel.enums) {
      expect(enums.get(e.dbName ?? e.name), e.name).toEqual(e.values.map((v) => v.dbName ?? v.name));
    }
  });

  it("has the same foreign keys", () => {
    const byName = new Map(dmmf.datamodel.models.map((m) => [m.name, m]));
    const fromPrisma: string[] = [];
    for (const model of dmmf.datamodel.models) {
      for (const field of model.fields) {
        if (field.kind !== "object" || !field.relationFromFields?.length) continue;
        const target = byName.get(field.type)!;
        const col = (m: Model, name: string) => columnName(m.fields.find((f) => f.name === name)!);
        fromPrisma.push(
          `${dbName(model)}(${field.relationFromFields.map((f) => col(model, f)).join(",")}) -> ${dbName(target)}(${field.relationToFields!.map((f) => col(target, f)).join(",")})`,
        );
      }
    }
    const fromDb = foreignKeys.map((fk) => `${fk.table}(${fk.columns.join(",")}) -> ${fk.refTable}(${fk.refColumns.join(",")})`);
    expect(fromPrisma.sort()).toEqual(fromDb.sort());
  });
});
