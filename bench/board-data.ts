// The board benchmark's data: one organization with 50,000 open deals on its default pipeline
// and 100 organizations of noise. Organizations go through the real sign-up helper (roles,
// default pipeline); the bulk goes in as INSERT ... SELECT generate_series as the owner,
// since 100,000 Prisma calls would take minutes and measure nothing we care about.
import type pg from "pg";
import { hashPassword } from "../src/server/auth/password";
import { createAccountWithOrganization } from "../src/server/db/system/sign-up";
import { seedMember } from "../prisma/seed/members";

export const NOISE_ORGS = 100;
export const TARGET_OPEN = 50_000;

export interface BoardTarget {
  orgId: string;
  userId: string;
  pipelineId: string;
}

/** How many deals of each kind one pipeline gets. */
interface DealMix {
  open: number;
  won: number;
  lost: number;
  /** Open but archived: the board must leave them out. */
  archived: number;
}

// One statement per pipeline. Open deals favour the early stages (power(random(), 1.6)), like
// a real funnel; ties on expected_close_date are common (about 35 deals a day per stage on the
// target), so the board's tie-breakers (value, id) really matter.
const DEALS_SQL = `
  WITH st AS (
    SELECT id, probability, is_won, is_lost, row_number() OVER (ORDER BY position) AS n
    FROM pipeline_stages WHERE organization_id = $1 AND pipeline_id = $2
  ),
  mix AS (SELECT $3::int AS open, $4::int AS won, $5::int AS lost, $6::int AS archived),
  d AS (
    SELECT g,
           CASE WHEN g <= open THEN 'open' WHEN g <= open + won THEN 'won' WHEN g <= open + won + lost THEN 'lost' ELSE 'open' END AS status,
           g > open + won + lost AS archived,
           1 + floor(power(random(), 1.6) * (SELECT count(*) FROM st WHERE NOT is_won AND NOT is_lost))::int AS pick
    FROM mix CROSS JOIN generate_series(1, open + won + lost + archived) g
  ),
  comp AS (SELECT array_agg(id) AS ids FROM companies WHERE organization_id = $1)
  INSERT INTO opportunities (organization_id, pipeline_id, current_stage_id, company_id, name, value, probability, status,
                             expected_close_date, actual_close_date, owner_id, stage_entered_at, is_archived, created_by)
  SELECT $1, $2, st.id,
         CASE WHEN random() < 0.85 THEN comp.ids[1 + (g * 7919) % cardinality(comp.ids)] END,
         'Deal ' || g, round((500 + 250000 * random() * random())::numeric, 2), st.probability, d.status::opportunity_status,
         CASE WHEN random() < 0.95 THEN current_date + (random() * 425 - 60)::int END,
         CASE WHEN d.status <> 'open' THEN current_date - (random() * 365)::int END,
         CASE WHEN random() < 0.97 THEN ($7::uuid[])[1 + g % cardinality($7::uuid[])] END,
         now() - random() * interval '120 days', d.archived, ($7::uuid[])[1]
  FROM d CROSS JOIN comp
  JOIN st ON CASE d.status WHEN 'won' THEN st.is_won WHEN 'lost' THEN st.is_lost ELSE st.n = d.pick END`;

export async function seedBoardData(owner: pg.Pool): Promise<BoardTarget> {
  const passwordHash = await hashPassword("bench-password-not-used");
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  const orgs: { slug: string; owners: string[] }[] = [];
  for (let i = 0; i <= NOISE_ORGS; i++) {
    const created = await createAccountWithOrganization(
      { email: `owner${i}@board.bench.parley.dev`, passwordHash, firstName: "Owner", lastName: String(i), organizationName: `Board Org ${i}` },
      meta,
    );
    orgs.push({ slug: created.organizationSlug, owners: [created.userId] });
  }
  // The target sits in the middle, so its rows are neither the first nor the last in any index.
  const target = orgs[NOISE_ORGS / 2]!;
  for (let m = 0; m < 7; m++) {
    const member = await seedMember(target.slug, { email: `rep${m}@board.bench.parley.dev`, passwordHash, firstName: "Rep", lastName: String(m) }, "Member");
    target.owners.push(member.userId);
  }

  // Every organization gets a second pipeline with the default's stages: the board filters
  // by pipeline, and an org with one pipeline would make that filter free.
  await owner.query(`INSERT INTO pipelines (organization_id, name, position) SELECT id, 'Renewals', 1 FROM organizations`);
  await owner.query(`
    INSERT INTO pipeline_stages (organization_id, pipeline_id, name, position, probability, rotting_days, is_won, is_lost)
    SELECT p.organization_id, p.id, s.name, s.position, s.probability, s.rotting_days, s.is_won, s.is_lost
    FROM pipelines p JOIN pipelines d ON d.organization_id = p.organization_id AND d.is_default
    JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.pipeline_id = d.id
    WHERE p.name = 'Renewals'`);

  let targetIds: BoardTarget | null = null;
  for (const [i, org] of orgs.entries()) {
    const isTarget = org === target;
    const { rows } = await owner.query<{ org_id: string; pipeline_id: string; is_default: boolean }>(
      `SELECT o.id AS org_id, p.id AS pipeline_id, p.is_default FROM organizations o JOIN pipelines p ON p.organization_id = o.id WHERE o.slug = $1`,
      [org.slug],
    );
    const orgId = rows[0]!.org_id;
    await owner.query(`INSERT INTO companies (organization_id, name) SELECT $1, 'Company ' || g FROM generate_series(1, $2) g`, [orgId, isTarget ? 5_000 : 40]);
    for (const p of rows) {
      const spread = (i * 37) % 200; // noise orgs differ a little in size
      const mix: DealMix = isTarget
        ? p.is_default ? { open: TARGET_OPEN, won: 8_000, lost: 12_000, archived: 1_000 } : { open: 3_000, won: 1_000, lost: 1_000, archived: 0 }
        : p.is_default ? { open: 200 + spread, won: 60, lost: 90, archived: 10 } : { open: 40 + Math.floor(spread / 4), won: 10, lost: 10, archived: 0 };
      await owner.query(DEALS_SQL, [orgId, p.pipeline_id, mix.open, mix.won, mix.lost, mix.archived, org.owners]);
      if (isTarget && p.is_default) targetIds = { orgId, userId: org.owners[0]!, pipelineId: p.pipeline_id };
    }
  }
  // VACUUM as well as ANALYZE: right after a bulk load autovacuum would start on its own in
  // the middle of the measurement; this way every variant sees the settled table.
  await owner.query("VACUUM (ANALYZE)");
  return targetIds!;
}
