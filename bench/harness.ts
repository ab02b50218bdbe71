// What the benchmarks share: a throwaway database (embedded PostgreSQL, or a fresh database on
// the server DATABASE_URL names), interleaved timing, and the printed table.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/server/db/embedded";
import { migrate } from "../src/server/db/migrate";
import { DATA_DIR, localSecrets } from "../scripts/runtime-env";

export interface BenchDatabase {
  /** The owner's (superuser's) URL of the fresh, migrated database; also left in DATABASE_URL for the app's clients. */
  url: string;
  /** Drops the database (kept with BENCH_KEEP=1) and stops the embedded server. Close every client first. */
  close(): Promise<void>;
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  process.env.PARLEY_DB_ROLE_PASSWORD ||= (await localSecrets()).rolePassword;
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "bench-pg"), port: 54331, password: "parley-bench" });
  const adminUrl = embedded ? embedded.url("postgres") : process.env.DATABASE_URL!;
  const database = `parley_bench_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  await migrate(process.env.DATABASE_URL, { rolePassword: process.env.PARLEY_DB_ROLE_PASSWORD });
  return {
    url: url.toString(),
    async close() {
      if (process.env.BENCH_KEEP) console.log(`kept database ${database}`);
      else {
        // pg-pool's end() resolves before its connections have said goodbye; FORCE would kill
        // them mid-way and the app's pool would log "idle connection lost". Give them a second.
        for (let i = 0; i < 50; i++) {
          const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [database]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
      }
      await admin.end();
      await embedded?.stop();
    },
  };
}

export interface Stats {
  mean: number;
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Warms every variant up, then times them in rounds of `round` calls each, variant after
 * variant, so drift on a busy machine (autovacuum, another process) hits all of them alike.
 */
export async function measureInterleaved(
  variants: [string, () => Promise<unknown>][],
  options: { iterations: number; warmup: number; round: number },
): Promise<Map<string, Stats>> {
  for (const [, fn] of variants) for (let i = 0; i < options.warmup; i++) await fn();
  const samples = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let done = 0; done < options.iterations; done += options.round) {
    for (const [name, fn] of variants) {
      const times = samples.get(name)!;
      for (let i = 0; i < options.round && done + i < options.iterations; i++) {
        const start = process.hrtime.bigint();
        await fn();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
  }
  const results = new Map<string, Stats>();
  for (const [name, times] of samples) {
    const sorted = [...times].sort((a, b) => a - b);
    results.set(name, { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) });
  }
  return results;
}

export function printStats(results: Map<string, Stats>, width = 34): void {
  console.log("variant".padEnd(width), "mean ms".padStart(9), "p50 ms".padStart(9), "p95 ms".padStart(9));
  for (const [name, r] of results) console.log(name.padEnd(width), r.mean.toFixed(3).padStart(9), r.p50.toFixed(3).padStart(9), r.p95.toFixed(3).padStart(9));
}
