import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

const PAGE = `<!doctype html><html><head><title>Northwind Freight – Logistics that keeps moving</title>
<meta name="description" content="Same-day freight across the Midwest."><meta property="og:site_name" content="Northwind"></head>
<body><a href="https://www.linkedin.com/company/northwind">LinkedIn</a><a href="https://facebook.com/northwind">Facebook</a>
<a href="mailto:sales@northwind.example?subject=hi">Email us</a><a href="tel:+1-555-0199">Call</a></body></html>`;

let server: Server;
let base = "";
/** Runs while the site is being read (the "/slow" page answers once it is done). */
let whileReading: () => Promise<void> = async () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/moved") { res.writeHead(302, { Location: "/" }); return res.end(); }
    if (req.url === "/missing") { res.writeHead(404); return res.end(); }
    if (req.url === "/slow") {
      void whileReading().then(() => { res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }); res.end(PAGE); });
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.PARLEY_ENRICH_ALLOW_PRIVATE;
  await new Promise((resolve) => server.close(resolve));
});

describe("lead enrichment from the company website", () => {
  it("records what the site says and fills the company's blank fields, following a redirect", async () => {
    process.env.PARLEY_ENRICH_ALLOW_PRIVATE = "1";
    const org = await createOrgWithOwner("enrich-site");
    const api = callerAs(org.owner, org.slug);
    const company = await api.companies.create({ name: "Northwind Freight", website: `${base}/moved`, phone: "+1 555 0100" });
    const { id } = await api.leads.create({ companyId: company.id });
    const result = await api.leads.enrich({ id });
    expect(result.filled.sort()).toEqual(["email", "facebookUrl", "linkedinUrl"]);
    const lead = await api.leads.get({ id });
    expect(lead.enrichments[0]).toMatchObject({
      source: "website",
      data: { title: "Northwind Freight – Logistics that keeps moving", description: "Same-day freight across the Midwest.", siteName: "Northwind", emails: ["sales@northwind.example"], phones: ["+1-555-0199"] },
    });
    const after = await api.companies.get({ id: company.id });
    // Filled where blank, never overwritten.
    expect(after).toMatchObject({ email: "sales@northwind.example", phone: "+1 555 0100", linkedinUrl: "https://www.linkedin.com/company/northwind" });
    expect(lead.timeline[0]!.title).toBe("Enriched from 127.0.0.1");
  });

  it("says why when the site cannot be read, and refuses private addresses outside tests", async () => {
    process.env.PARLEY_ENRICH_ALLOW_PRIVATE = "1";
    const org = await createOrgWithOwner("enrich-errors");
    const api = callerAs(org.owner, org.slug);
    const missing = await api.companies.create({ name: "Gone Co", website: `${base}/missing` });
    const gone = await api.leads.create({ companyId: missing.id });
    await expect(api.leads.enrich({ id: gone.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The website answered 404" });
    const noSite = await api.leads.create({ companyName: "No Site Ltd" });
    await expect(api.leads.enrich({ id: noSite.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Add No Site Ltd's website first" });

    delete process.env.PARLEY_ENRICH_ALLOW_PRIVATE;
    const local = await api.companies.create({ name: "Local Co", website: base });
    const lead = await api.leads.create({ companyId: local.id });
    await expect(api.leads.enrich({ id: lead.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "That website points at a private network address" });
  });

  it("holds no transaction while the site answers, and keeps what a colleague filled in meanwhile", async () => {
    process.env.PARLEY_ENRICH_ALLOW_PRIVATE = "1";
    const org = await createOrgWithOwner("enrich-slow");
    const api = callerAs(org.owner, org.slug);
    const company = await api.companies.create({ name: "Slow Freight", website: `${base}/slow` });
    const { id } = await api.leads.create({ companyId: company.id });
    const pool = ownerPool();
    let openTransactions = -1;
    whileReading = async () => {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'");
      openTransactions = rows[0]!.n;
      await api.companies.update({ id: company.id, values: { name: "Slow Freight", website: `${base}/slow`, email: "orders@slowfreight.example" } });
    };
    try {
      const result = await api.leads.enrich({ id });
      expect(openTransactions).toBe(0);
      expect(result.filled.sort()).toEqual(["facebookUrl", "linkedinUrl", "phone"]);
      expect(await api.companies.get({ id: company.id })).toMatchObject({ email: "orders@slowfreight.example", phone: "+1-555-0199" });
    } finally {
      whileReading = async () => {};
    }
  });
});
