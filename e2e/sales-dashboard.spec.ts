import { expect, test } from "@playwright/test";
import pg from "pg";
import { signUp } from "./helpers";

// The sales dashboard's contract cards: empty, then with contracts signed over the last
// months and some coming up for renewal. Contracts are written straight into the database
// (their own pages are another journey's).

test.use({ viewport: { width: 1440, height: 1000 } });

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** One open deal with a company, owned by the org's owner, in its default pipeline. */
async function arrangeDeal(slug: string, email: string, company: string) {
  const [row] = await sql<{ id: string }>(
    `WITH org AS (SELECT id FROM organizations WHERE slug = $1),
          me AS (SELECT id FROM users WHERE email = $2),
          co AS (INSERT INTO companies (organization_id, name) SELECT id, $3 FROM org RETURNING id, organization_id),
          stage AS (
            SELECT s.pipeline_id, s.id FROM pipeline_stages s JOIN pipelines p ON p.id = s.pipeline_id
            WHERE p.organization_id = (SELECT id FROM org) ORDER BY p.is_default DESC, p.position, s.position LIMIT 1)
     INSERT INTO opportunities (organization_id, pipeline_id, current_stage_id, company_id, name, value, owner_id)
     SELECT co.organization_id, stage.pipeline_id, stage.id, co.id, $3 || ' rollout', 50000, (SELECT id FROM me) FROM co, stage
     RETURNING id`,
    [slug, email, company],
  );
  return row!.id;
}

interface Seed { number: string; title: string; value: string; status: string; signedMonthsAgo?: number; endsInDays?: number; autoRenew?: boolean }

async function arrangeContracts(slug: string, email: string, dealId: string, contracts: Seed[]) {
  const ids: Record<string, string> = {};
  for (const c of contracts) {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO contracts (organization_id, opportunity_id, contract_number, title, status, start_date, end_date, auto_renew, total_value, activated_at, owner_id)
       SELECT o.id, $2, $3, $4, $5::contract_status, current_date - 400, current_date + $6::int, $7, $8::numeric,
              CASE WHEN $9::int IS NULL THEN NULL ELSE now() - make_interval(months => $9::int) END, (SELECT id FROM users WHERE email = $10)
       FROM organizations o WHERE o.slug = $1 RETURNING id`,
      [slug, dealId, c.number, c.title, c.status, c.endsInDays ?? null, c.autoRenew ?? false, c.value, c.signedMonthsAgo ?? null, email],
    );
    ids[c.number] = row!.id;
  }
  return ids;
}

test("contract totals and renewals due on the sales dashboard, from empty to filled in", async ({ page }) => {
  const { slug, email } = await signUp(page, { firstName: "Dana" });
  const globex = await arrangeDeal(slug, email, "Globex Corporation");
  const initech = await arrangeDeal(slug, email, "Initech");

  await page.goto(`/${slug}/sales`);
  const signed = page.getByRole("region", { name: "Signed contract value by month" });
  const renewals = page.getByRole("region", { name: "Renewals due (next 90 days)" });
  await expect(signed.getByText("No contracts signed in this period.")).toBeVisible();
  await expect(renewals.getByText("No renewals in the next 90 days.")).toBeVisible();
  await expect(page.locator("dl > div").filter({ has: page.getByText("Renewals due", { exact: true }) })).toContainText("None in the next 90 days");
  const screens = ".data/test-results/screens";
  await signed.locator("..").screenshot({ path: `${screens}/sales-dashboard-contracts-empty.png` });

  const ids = await arrangeContracts(slug, email, globex, [
    { number: "C-2026-0001", title: "Globex platform licence", value: "48000.00", status: "active", signedMonthsAgo: 1, endsInDays: 12 },
    { number: "C-2026-0002", title: "Globex support plan", value: "12500.50", status: "active", signedMonthsAgo: 2, endsInDays: 45, autoRenew: true },
    { number: "C-2026-0003", title: "Globex onboarding", value: "7250.00", status: "expired", signedMonthsAgo: 4, endsInDays: -10 },
    { number: "C-2026-0006", title: "Globex analytics add-on", value: "3000.00", status: "active", signedMonthsAgo: 7, endsInDays: 200 },
  ]);
  Object.assign(ids, await arrangeContracts(slug, email, initech, [
    { number: "C-2026-0004", title: "Initech TPS reporting suite", value: "21999.99", status: "active", signedMonthsAgo: 4, endsInDays: 80 },
    { number: "C-2026-0005", title: "Initech consulting", value: "9000.00", status: "renewed", signedMonthsAgo: 9, endsInDays: 30, autoRenew: true },
    { number: "C-2026-0007", title: "Initech draft extension", value: "5000.00", status: "draft", endsInDays: 20 },
  ]));

  await page.reload();
  const kpi = (label: string) => page.locator("dl > div").filter({ has: page.getByText(label, { exact: true }) });
  await expect(kpi("Signed value").locator("dd").first()).toHaveText("$101.8K");
  await expect(kpi("Signed value")).toContainText("6 contracts signed in range");
  await expect(kpi("Renewals due").locator("dd").first()).toHaveText("3");
  await expect(kpi("Renewals due")).toContainText("2 need action");

  // The chart's numbers, exactly, behind "Show as table".
  await signed.getByText("Show as table").click();
  const footer = signed.locator("tfoot tr");
  await expect(footer).toContainText("6");
  await expect(footer).toContainText("$101,750.49");
  await expect(signed.locator("tbody tr")).toHaveCount(12);

  // Soonest first; the expired, the renewed, the draft and the one ending in 200 days are not due.
  const rows = renewals.locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("C-2026-0001");
  await expect(rows.nth(0)).toContainText("in 12 days");
  await expect(rows.nth(0)).toContainText("Needs action");
  await expect(rows.nth(1)).toContainText("Auto-renews");
  await expect(rows.nth(2)).toContainText("Initech");
  await expect(renewals.getByRole("columnheader", { name: "Ends" })).toBeVisible();
  await expect(renewals.getByRole("link", { name: /C-2026-0001/ })).toHaveAttribute("href", `/${slug}/contracts/${ids["C-2026-0001"]}`);

  await expect(rows.nth(0)).toContainText("Owner: Dana Tester");

  await page.screenshot({ path: `${screens}/sales-dashboard-contracts.png`, fullPage: true });
  await signed.locator("..").screenshot({ path: `${screens}/sales-dashboard-contract-cards.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await renewals.screenshot({ path: `${screens}/sales-dashboard-renewals-mobile.png` });
  await page.screenshot({ path: `${screens}/sales-dashboard-contracts-mobile.png`, fullPage: true });
});
