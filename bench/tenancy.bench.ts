// npm run bench:tenancy — what tenancy costs on a page-shaped unit of work (5 reads, 1 write):
//   withOrg as the app role (one transaction, set_config, RLS on)
//   plain Prisma as the owner (Prisma's default client; no RLS, no transaction)
//   tuned Prisma as the owner (Parley's client settings; no RLS, no transaction)
//   raw pg as the owner (the same SQL, the floor)
// on the same data: one measured organization among 100 others. Prints ratios; asserts nothing.
import pg from "pg";
import { hashPassword } from "../src/server/auth/password";
import { closeClient, createClient, createPlainClient, disconnectAll } from "../src/server/db/client";
import { createAccountWithOrganization } from "../src/server/db/system/sign-up";
import { seedMember } from "../prisma/seed/members";
import { withOrg } from "../src/server/db/tenant";
import { measureInterleaved, openBenchDatabase, printStats } from "./harness";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);

const db = await openBenchDatabase();
const url = new URL(db.url);

// ---------------------------------------------------------------- data
console.log("Seeding 101 organizations…");
const passwordHash = await hashPassword("bench-password-not-used");
const meta = { ip: "127.0.0.1", userAgent: "bench" };
const orgs: { slug: string; userId: string }[] = [];
for (let i = 0; i <= 100; i++) {
  const created = await createAccountWithOrganization(
    { email: `owner${i}@bench.parley.dev`, passwordHash, firstName: "Owner", lastName: String(i), organizationName: `Bench Org ${i}` },
    meta,
  );
  orgs.push({ slug: created.organizationSlug, userId: created.userId });
  for (let m = 0; m < 10; m++) {
    await seedMember(created.organizationSlug, { email: `m${m}.o${i}@bench.parley.dev`, passwordHash, firstName: "Member", lastName: `${m}` }, m % 2 ? "Member" : "Viewer");
  }
}
const owner = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
await owner.query(`
  INSERT INTO audit_logs (organization_id, user_id, action, resource_type, details)
  SELECT m.organization_id, m.user_id, 'bench.seed', 'membership', jsonb_build_object('n', g)
  FROM memberships m CROSS JOIN generate_series(1, 20) g`);
await owner.query("ANALYZE");
const target = orgs[50]!;
const orgId = (await owner.query<{ id: string }>("SELECT id FROM organizations WHERE slug = $1", [target.slug])).rows[0]!.id;
const roleId = (await owner.query<{ id: string }>("SELECT id FROM roles WHERE organization_id = $1 AND name = 'Member'", [orgId])).rows[0]!.id;

// ---------------------------------------------------------------- the three ways
type PrismaLike = Parameters<Parameters<typeof withOrg>[1]>[0];

/** The page: org header, member list, roles, one role's permissions, recent activity; then one audit write. */
async function pageWithPrisma(db: PrismaLike) {
  await db.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, slug: true, subscriptionTier: true } });
  await db.membership.findMany({
    where: { organizationId: orgId },
    select: { id: true, status: true, role: { select: { name: true } }, user: { select: { fullName: true, email: true } } },
    take: 50,
  });
  await db.role.findMany({ where: { organizationId: orgId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  await db.rolePermission.count({ where: { organizationId: orgId, roleId } });
  await db.auditLog.findMany({ where: { organizationId: orgId }, orderBy: { id: "desc" }, take: 20, select: { id: true, action: true, createdAt: true } });
  await db.auditLog.create({ data: { organizationId: orgId, userId: target.userId, action: "bench.view", resourceType: "page" }, select: { id: true } });
}

const rawPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
async function pageWithRawPg() {
  await rawPool.query("SELECT id, name, slug, subscription_tier FROM organizations WHERE id = $1", [orgId]);
  await rawPool.query(
    `SELECT m.id, m.status, r.name, u.full_name, u.email FROM memberships m
     JOIN roles r ON r.organization_id = m.organization_id AND r.id = m.role_id JOIN users u ON u.id = m.user_id
     WHERE m.organization_id = $1 LIMIT 50`,
    [orgId],
  );
  await rawPool.query("SELECT id, name FROM roles WHERE organization_id = $1 ORDER BY name", [orgId]);
  await rawPool.query("SELECT count(*) FROM role_permissions WHERE organization_id = $1 AND role_id = $2", [orgId, roleId]);
  await rawPool.query("SELECT id, action, created_at FROM audit_logs WHERE organization_id = $1 ORDER BY id DESC LIMIT 20", [orgId]);
  await rawPool.query(
    "INSERT INTO audit_logs (organization_id, user_id, action, resource_type) VALUES ($1, $2, 'bench.view', 'page') RETURNING id",
    [orgId, target.userId],
  );
}

// Both connect as the owner, to whom no RLS applies. "plain Prisma" is a PrismaClient as
// Prisma's docs set it up; "tuned Prisma" has Parley's client settings (prepared statements),
// so withOrg / tuned isolates what tenancy itself costs.
const plainPrisma = createPlainClient(url.toString());
const tunedPrisma = createClient(url.toString(), 4);

const variants: [string, () => Promise<unknown>][] = [
  ["withOrg (app role, RLS)", () => withOrg({ orgId, userId: target.userId }, (tx) => pageWithPrisma(tx))],
  ["plain Prisma (no RLS)", () => pageWithPrisma(plainPrisma)],
  ["tuned Prisma (no RLS)", () => pageWithPrisma(tunedPrisma)],
  // BENCH_BREAKDOWN=1 adds where withOrg's cost comes from: the transaction, then set_config.
  ...(process.env.BENCH_BREAKDOWN
    ? ([
        ["tuned, transaction only", () => tunedPrisma.$transaction((tx) => pageWithPrisma(tx))],
        ["tuned, transaction + set_config", () => tunedPrisma.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT set_config('app.current_org_id', ${orgId}, TRUE)`;
          await pageWithPrisma(tx);
        })],
      ] as [string, () => Promise<unknown>][])
    : []),
  ["raw pg (no RLS)", pageWithRawPg],
];

// ---------------------------------------------------------------- measure
// Interleave the variants in rounds so drift on a busy machine hits all three alike.
const results = await measureInterleaved(variants, { iterations: ITERATIONS, warmup: WARMUP, round: 100 });

console.log(`\nTenancy benchmark: ${ITERATIONS} units of work (5 reads + 1 write) each, after ${WARMUP} warm-up, 1 org of 101\n`);
printStats(results);
const ratio = (a: string, b: string) =>
  `${(results.get(a)!.mean / results.get(b)!.mean).toFixed(2)}x mean, ${(results.get(a)!.p50 / results.get(b)!.p50).toFixed(2)}x p50`;
const [WITH_ORG, PLAIN, TUNED, RAW] = ["withOrg (app role, RLS)", "plain Prisma (no RLS)", "tuned Prisma (no RLS)", "raw pg (no RLS)"] as const;
console.log(`\nwithOrg / plain Prisma:  ${ratio(WITH_ORG, PLAIN)}   (target: within 1.25x)`);
console.log(`withOrg / tuned Prisma:  ${ratio(WITH_ORG, TUNED)}   (what tenancy adds: the transaction, set_config, RLS)`);
console.log(`withOrg / raw pg:        ${ratio(WITH_ORG, RAW)}`);
console.log(`plain Prisma / raw pg:   ${ratio(PLAIN, RAW)}`);

await Promise.all([plainPrisma.$disconnect(), closeClient(tunedPrisma), disconnectAll(), rawPool.end(), owner.end()]);
await db.close();
