// npm run bench:import — a 100,000-row leads CSV through the app's import:
//   the file is staged as the upload route stages it and registered with imports.create (tRPC
//   caller, app role, RLS); startImport marks it running; runImport — the function the start
//   mutation schedules — is awaited from start to "completed", timed, with RSS sampled every 20 ms
//   the floor: PostgreSQL COPY of the same file into an unrestricted staging table, as the owner;
//   and the same writes the import makes, as set-based SQL from that table (bench/import-floor.ts)
// on one organization among 6. Prints rows/s, peak memory growth, the ratio to COPY and whether
// the targets (20,000 rows/s, under 200 MB growth) are met; it asserts no time. It does exit
// non-zero if the import's outcome is not what the file should give, since then nothing counts.
// BENCH_ROWS changes the row count; BENCH_BREAKDOWN=1 adds where the time went (every SQL
// statement timed at the pg driver, grouped; Node's busy share; a parse-and-validate-only pass).
// BENCH_KEEP=1 keeps the database and the CSV.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import Papa from "papaparse";
import pg from "pg";
import { parseImportRow } from "../src/features/imports/import-fields";
import { stageUpload, uniqueHeaders } from "../src/features/imports/import-files";
import { BATCH_SIZE, runImport } from "../src/features/imports/import-runner";
import { startImportSchema } from "../src/features/imports/imports.schema";
import { startImport } from "../src/features/imports/imports.service";
import { createOrgScope } from "../src/server/api/scope";
import { createCaller } from "../src/server/api/root";
import { hashPassword } from "../src/server/auth/password";
import { disconnectAll } from "../src/server/db/client";
import { createAccountWithOrganization } from "../src/server/db/system/sign-up";
import { seedMember } from "../prisma/seed/members";
import { withOrg } from "../src/server/db/tenant";
import { openBenchDatabase } from "./harness";
import { HEADER, seedNoise, writeLeadsCsv } from "./import-data";
import { measureSqlFloor } from "./import-floor";
import { copyFromFile } from "./pg-copy";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const NOISE_ORGS = 5;
const REPS = 6;
const COPY_RUNS = 3;
const TARGET_ROWS_PER_S = 20_000;
const TARGET_GROWTH_MB = 200;
const SAMPLE_MS = 20;
const BREAKDOWN = !!process.env.BENCH_BREAKDOWN;

// A full GC before the baseline, without asking for node flags (the npm script is plain tsx).
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- statement timing (breakdown)
// Every query the app's clients send goes through pg.Client.prototype.query (the app's client
// subclass calls super.query), so wrapping it times each statement from the moment it is
// written to the connection until its result is parsed: round trip plus server time.
const PHASES: [string, RegExp][] = [
  ["BEGIN + set_config / COMMIT", /^\s*(BEGIN|COMMIT|ROLLBACK)/i],
  ["duplicate lookup (companies ⟕ leads)", /FROM companies c LEFT JOIN leads l/],
  ["member lookup (assigned to)", /FROM memberships m JOIN users u/],
  ["INSERT companies", /INSERT INTO companies/],
  ["INSERT contacts", /INSERT INTO contacts/],
  ["INSERT company_contacts", /INSERT INTO company_contacts/],
  ["INSERT leads", /INSERT INTO leads/],
  ["INSERT tags", /INSERT INTO tags/],
  ["INSERT lead_tags", /INSERT INTO lead_tags/],
  ["INSERT timeline_events", /INSERT INTO timeline_events/],
  ["INSERT import_records", /INSERT INTO import_records/],
  ["INSERT import_rejects", /import_rejects/],
  ["INSERT lead_enrichments", /INSERT INTO lead_enrichments/],
  ["rescore: weights", /lead_scoring_settings/],
  ["rescore: read inputs", /LEFT JOIN interactions i/],
  ["rescore: UPDATE leads", /UPDATE leads SET lead_score/],
  ["import row (status, counts)", /"imports"|\bimports\b/],
  ["audit log", /audit_logs/],
];
const phaseTimes = new Map<string, { n: number; ms: number }>();
let timing = false;
function recordStatement(text: string, start: number) {
  if (!timing) return;
  const phase = PHASES.find(([, re]) => re.test(text))?.[0] ?? `other: ${text.replace(/\s+/g, " ").slice(0, 50)}`;
  const entry = phaseTimes.get(phase) ?? { n: 0, ms: 0 };
  entry.n++;
  entry.ms += performance.now() - start;
  phaseTimes.set(phase, entry);
}
if (BREAKDOWN) {
  type AnyQuery = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: AnyQuery };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "");
    const start = performance.now();
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (...result: unknown[]) => {
        recordStatement(text, start);
        return (last as (...a: unknown[]) => unknown)(...result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).then(() => recordStatement(text, start), () => recordStatement(text, start));
    }
    return result;
  };
}

// ---------------------------------------------------------------- data
const db = await openBenchDatabase();
const owner = new pg.Pool({ connectionString: db.url, max: 2 });
const workDir = await mkdtemp(path.join(os.tmpdir(), "parley-import-bench-"));
process.env.PARLEY_UPLOAD_DIR = path.join(workDir, "uploads");
const csvFile = path.join(workDir, `leads-${ROWS}.csv`);
let failed = false;

try {
  const { rows: [version] } = await owner.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  console.log(`Seeding 1 organization with ${REPS} reps and ${NOISE_ORGS} noise organizations (PostgreSQL ${version!.v})…`);
  const passwordHash = await hashPassword("bench-password-not-used");
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  const target = await createAccountWithOrganization(
    { email: "owner@import.bench.parley.dev", passwordHash, firstName: "Olivia", lastName: "Owner", organizationName: "Import Bench Org" },
    meta,
  );
  const ownerEmails = ["owner@import.bench.parley.dev"];
  for (let m = 0; m < REPS; m++) {
    const email = `rep${m}@import.bench.parley.dev`;
    await seedMember(target.organizationSlug, { email, passwordHash, firstName: "Rep", lastName: String(m) }, "Member");
    ownerEmails.push(email);
  }
  const noise: { slug: string; userId: string }[] = [];
  for (let i = 0; i < NOISE_ORGS; i++) {
    const created = await createAccountWithOrganization(
      { email: `owner${i}@noise.import.bench.parley.dev`, passwordHash, firstName: "Noise", lastName: String(i), organizationName: `Noise Org ${i}` },
      meta,
    );
    noise.push({ slug: created.organizationSlug, userId: created.userId });
  }
  const { rows: orgRows } = await owner.query<{ id: string; slug: string }>("SELECT id, slug FROM organizations");
  const orgIdOf = (slug: string) => orgRows.find((o) => o.slug === slug)!.id;
  const orgId = orgIdOf(target.organizationSlug);

  console.log(`Writing ${fmt(ROWS)} rows of leads CSV…`);
  const genStart = performance.now();
  const expected = await writeLeadsCsv(csvFile, ROWS, ownerEmails);
  await seedNoise(owner, noise.map((o) => ({ id: orgIdOf(o.slug), userId: o.userId })), expected.sample);
  await owner.query("VACUUM (ANALYZE)");
  console.log(`Wrote ${(expected.bytes / MB).toFixed(1)} MB in ${((performance.now() - genStart) / 1000).toFixed(1)} s: ` +
    `${fmt(expected.rejects.size)} rows to reject, ${fmt(expected.duplicates.size)} repeating an earlier company, ${fmt(expected.created)} new; ` +
    `noise organizations hold ${fmt(expected.sample.length * NOISE_ORGS)} leads whose companies are named like the file's first rows`);

  // ---------------------------------------------------------------- upload and register, as the app does
  const session = { sessionId: "00000000-0000-7000-8000-000000000000", user: { id: target.userId, email: ownerEmails[0]!, fullName: "Olivia Owner", firstName: "Olivia", isSuperAdmin: false } };
  const api = createCaller({ session, meta, orgSlug: target.organizationSlug });
  const token = randomBytes(16).toString("hex");
  const registerStart = performance.now();
  await stageUpload(Readable.toWeb(createReadStream(csvFile)) as ReadableStream<Uint8Array>, token);
  const { id } = await api.imports.create({ resource: "leads", fileName: path.basename(csvFile), uploadToken: token });
  const registered = await api.imports.get({ id });
  const registerMs = performance.now() - registerStart;
  const unmapped = HEADER.filter((h) => !Object.values(registered.mapping).includes(h));
  console.log(`Registered import: ${fmt(registered.totalRows)} rows, ${Object.keys(registered.mapping).length} columns mapped` +
    `${unmapped.length ? ` (not mapped: ${unmapped.join(", ")})` : ""}, upload + imports.create ${(registerMs / 1000).toFixed(2)} s`);
  if (registered.totalRows !== ROWS) throw new Error(`imports.create counted ${registered.totalRows} rows, the file has ${ROWS}`);

  const actor = { orgId, userId: target.userId, meta };
  // The job runs right here (no pg-boss worker), so nothing is sent after commit.
  const { jobId } = await withOrg(actor, (tx) => startImport(createOrgScope(tx, actor, undefined, () => {}), startImportSchema.parse({ id, mapping: registered.mapping, duplicateStrategy: "skip" })));

  // ---------------------------------------------------------------- the import
  gc();
  await sleep(100);
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  timing = true;
  const start = performance.now();
  await runImport({ importId: id, orgId, userId: target.userId }, jobId);
  const importMs = performance.now() - start;
  timing = false;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  clearInterval(sampler);
  sample();

  // ---------------------------------------------------------------- did it do what the file says?
  const done = await api.imports.get({ id });
  const { rows: [counts] } = await owner.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM leads WHERE organization_id = $1)::int AS leads,
            (SELECT count(*) FROM leads WHERE organization_id = $1 AND scored_at IS NOT NULL)::int AS scored,
            (SELECT count(*) FROM companies WHERE organization_id = $1)::int AS companies,
            (SELECT count(*) FROM contacts WHERE organization_id = $1)::int AS contacts,
            (SELECT count(*) FROM company_contacts WHERE organization_id = $1)::int AS links,
            (SELECT count(*) FROM lead_tags WHERE organization_id = $1)::int AS lead_tags,
            (SELECT count(*) FROM tags WHERE organization_id = $1)::int AS tags,
            (SELECT count(*) FROM timeline_events WHERE organization_id = $1)::int AS timeline,
            (SELECT count(*) FROM import_records WHERE organization_id = $1 AND import_id = $2)::int AS records,
            (SELECT count(*) FROM companies WHERE organization_id = $1 AND import_id = $2)::int
              + (SELECT count(*) FROM contacts WHERE organization_id = $1 AND import_id = $2)::int
              + (SELECT count(*) FROM leads WHERE organization_id = $1 AND import_id = $2)::int AS carried`,
    [orgId, id],
  );
  const { rows: rejectRows } = await owner.query<{ row_number: number; reason: string }>(
    "SELECT row_number, reason FROM import_rejects WHERE organization_id = $1 AND import_id = $2 ORDER BY row_number", [orgId, id]);
  const c = counts!;
  const problems: string[] = [];
  const check = (what: string, actual: number, want: number) => { if (actual !== want) problems.push(`${what}: ${fmt(actual)}, expected ${fmt(want)}`); };
  if (done.status !== "completed") problems.push(`status ${done.status}${done.error ? `: ${done.error}` : ""}`);
  check("created + updated + skipped + rejected", done.createdCount + done.updatedCount + done.skippedCount + done.rejectedCount, ROWS);
  check("processed rows", done.processedRows, ROWS);
  check("created", done.createdCount, expected.created);
  check("updated", done.updatedCount, 0);
  check("skipped (duplicates)", done.skippedCount, expected.duplicates.size);
  check("rejected", done.rejectedCount, expected.rejects.size);
  check("leads in the organization", c.leads!, done.createdCount);
  check("leads scored", c.scored!, done.createdCount);
  check("companies", c.companies!, expected.created);
  check("contacts", c.contacts!, expected.contacts);
  check("company-contact links", c.links!, expected.contacts);
  check("lead tags", c.lead_tags!, expected.leadTags);
  check("tags", c.tags!, expected.tags);
  check("timeline events written per record", c.timeline!, 0);
  check("undo rows (updates only)", c.records!, 0);
  check("records carrying the import's id (companies, contacts, leads)", c.carried!, 2 * expected.created + expected.contacts);
  const wrongRejects = rejectRows.filter((r) => !expected.rejects.get(r.row_number) || !r.reason.startsWith(expected.rejects.get(r.row_number)!));
  const missedRejects = [...expected.rejects.keys()].filter((n) => !rejectRows.some((r) => r.row_number === n));
  if (wrongRejects.length) problems.push(`${wrongRejects.length} unexpected rejects, e.g. ${wrongRejects.slice(0, 3).map((r) => `row ${r.row_number}: ${r.reason}`).join("; ")}`);
  if (missedRejects.length) problems.push(`${missedRejects.length} messy rows not rejected, e.g. rows ${missedRejects.slice(0, 5).join(", ")}`);

  // ---------------------------------------------------------------- the floor: COPY
  const copyClient = new pg.Client({ connectionString: db.url });
  await copyClient.connect();
  await copyClient.query(`CREATE TABLE import_copy_baseline (${HEADER.map((h) => `"${h.toLowerCase().replace(/ /g, "_")}" text`).join(", ")})`);
  const copyTimes: number[] = [];
  let copied = 0;
  for (let i = 0; i < COPY_RUNS; i++) {
    await copyClient.query("TRUNCATE import_copy_baseline");
    const t = performance.now();
    copied = await copyFromFile(copyClient, "COPY import_copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)", csvFile);
    copyTimes.push(performance.now() - t);
  }
  const { rows: [sampleLead] } = await copyClient.query<{ score_breakdown: unknown }>(
    "SELECT score_breakdown FROM leads WHERE organization_id = $1 AND import_id = $2 LIMIT 1", [orgId, id]);
  const floor = await measureSqlFloor(copyClient, { orgId: orgIdOf(noise[0]!.slug), userId: noise[0]!.userId, breakdown: sampleLead?.score_breakdown ?? {} });
  await copyClient.end();
  if (copied !== ROWS) problems.push(`COPY loaded ${copied} rows, the file has ${ROWS}`);
  const copyMs = [...copyTimes].sort((a, b) => a - b)[Math.floor(COPY_RUNS / 2)]!;

  // ---------------------------------------------------------------- report
  const rowsPerS = ROWS / (importMs / 1000);
  const growthMb = (peakRss - base.rss) / MB;
  const { maxRSS } = process.resourceUsage(); // KiB, whole process lifetime
  console.log(`\nImport benchmark: ${fmt(ROWS)} lead rows (${(expected.bytes / MB).toFixed(1)} MB CSV), BATCH_SIZE ${BATCH_SIZE}, duplicates skipped, 1 org of ${NOISE_ORGS + 1}\n`);
  const line = (label: string, value: string) => console.log(`${label.padEnd(44)}${value}`);
  line("runImport, start to completed", `${(importMs / 1000).toFixed(2)} s   ${fmt(rowsPerS)} rows/s   (${Math.ceil(ROWS / BATCH_SIZE)} batches, ${(importMs / Math.ceil(ROWS / BATCH_SIZE)).toFixed(0)} ms each)`);
  line("COPY FROM STDIN into a staging table", `${(copyMs / 1000).toFixed(2)} s   ${fmt(ROWS / (copyMs / 1000))} rows/s   (median of ${COPY_RUNS}: ${copyTimes.map((t) => t.toFixed(0)).join(", ")} ms; owner, no RLS, text columns, logged table)`);
  line("import / COPY", `${(importMs / copyMs).toFixed(1)}x`);
  line("the same writes as plain SQL (the floor)", `${(floor.ms / 1000).toFixed(2)} s   ${fmt(ROWS / (floor.ms / 1000))} rows/s   (${fmt(floor.rows)} rows: INSERT ... SELECT from the staging table into companies, contacts, links, leads, tags; app role, RLS, every index and FK; one connection)`);
  line("import / plain-SQL floor", `${(importMs / floor.ms).toFixed(1)}x`);
  line("peak RSS growth above the pre-import RSS", `${growthMb.toFixed(1)} MB   (baseline ${(base.rss / MB).toFixed(0)} MB after GC, peak ${(peakRss / MB).toFixed(0)} MB; ${samples} samples every ${SAMPLE_MS} ms)`);
  line("peak heap used", `${(peakHeap / MB).toFixed(1)} MB   (baseline ${(base.heapUsed / MB).toFixed(1)} MB; process max RSS ${(maxRSS / 1024).toFixed(0)} MB)`);
  line("outcome", `${fmt(done.createdCount)} created, ${fmt(done.updatedCount)} updated, ${fmt(done.skippedCount)} skipped, ${fmt(done.rejectedCount)} rejected`);
  line("checked", problems.length ? `MISMATCH\n  ${problems.join("\n  ")}` : `counts add up to ${fmt(ROWS)}; leads, companies, contacts, tags, the import's id on each record and every reject row and reason as the file says`);

  if (BREAKDOWN) {
    console.log(`\nWhere the import's ${(importMs / 1000).toFixed(2)} s went (statements timed at the pg driver: round trip + server)`);
    const phases = [...phaseTimes].sort((a, b) => b[1].ms - a[1].ms);
    const dbMs = phases.reduce((sum, [, p]) => sum + p.ms, 0);
    for (const [name, p] of phases) {
      console.log(`  ${name.padEnd(42)}${(p.ms / 1000).toFixed(2).padStart(7)} s ${((100 * p.ms) / importMs).toFixed(1).padStart(5)}%  ${fmt(p.n).padStart(6)} statements, ${(p.ms / p.n).toFixed(1)} ms each`);
    }
    console.log(`  ${"all statements".padEnd(42)}${(dbMs / 1000).toFixed(2).padStart(7)} s ${((100 * dbMs) / importMs).toFixed(1).padStart(5)}%`);
    if (dbMs < importMs) console.log(`  ${"the rest: Node (parse, validate, build, Prisma)".padEnd(42)}${((importMs - dbMs) / 1000).toFixed(2).padStart(7)} s ${((100 * (importMs - dbMs)) / importMs).toFixed(1).padStart(5)}%`);
    else console.log("  (statements overlapped: batches were written concurrently)");
    console.log(`  Node's event loop busy ${(100 * elu.utilization).toFixed(0)}% of the import; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)})`);

    // The runner's per-row work without the database: papaparse, the row objects, parseImportRow.
    const parseOnly = async (validate: boolean) => {
      const t = performance.now();
      let n = 0;
      await new Promise<void>((resolve, reject) => {
        let headers: string[] | null = null;
        let columns: [string, number][] = [];
        Papa.parse<string[]>(createReadStream(csvFile), {
          skipEmptyLines: "greedy",
          step: (result) => {
            if (!headers) {
              headers = uniqueHeaders(result.data);
              columns = Object.entries(registered.mapping).map(([field, header]) => [field, headers!.indexOf(header)] as [string, number]).filter(([, i]) => i >= 0);
              return;
            }
            n++;
            if (!validate) return;
            Object.fromEntries(headers.map((h, i) => [h, result.data[i] ?? ""]));
            parseImportRow("leads", Object.fromEntries(columns.map(([field, i]) => [field, result.data[i] ?? ""])));
          },
          complete: () => resolve(),
          error: (e: Error) => reject(e),
        });
      });
      return { ms: performance.now() - t, n };
    };
    const papa = await parseOnly(false);
    const validated = await parseOnly(true);
    console.log(`  without the database: papaparse alone ${(papa.ms / 1000).toFixed(2)} s; + row objects and parseImportRow (zod) ${(validated.ms / 1000).toFixed(2)} s (${fmt(ROWS / (validated.ms / 1000))} rows/s)`);
  }

  console.log(`\ntarget at least ${fmt(TARGET_ROWS_PER_S)} rows/s: ${rowsPerS >= TARGET_ROWS_PER_S ? "MET" : "MISSED"} (${fmt(rowsPerS)} rows/s)`);
  console.log(`target peak memory growth under ${TARGET_GROWTH_MB} MB: ${growthMb < TARGET_GROWTH_MB ? "MET" : "MISSED"} (${growthMb.toFixed(1)} MB)`);
  if (problems.length) {
    console.error("\nThe import's outcome is not what the file should give; the numbers above do not count.");
    failed = true;
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
  await Promise.all([disconnectAll(), owner.end()]);
  await db.close();
}
if (failed) process.exitCode = 1;
