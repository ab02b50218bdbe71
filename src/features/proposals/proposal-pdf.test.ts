import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as publicPdf } from "@/app/(public)/p/[token]/pdf/route";
import { GET as memberPdf } from "@/app/api/organizations/[orgSlug]/proposals/[proposalId]/pdf/route";
import { formatMoney } from "@/lib/money";
import { createOrgScope } from "@/server/api/scope";
import { withOrg } from "@/server/db/tenant";
import { type TestOrg, callerAs, createOrgWithOwner, ownerPool, uniqueEmail } from "../../../test/helpers/fixtures";
import { readPdf } from "../../../test/helpers/pdf";
import { linkIn } from "../../../test/helpers/smtp";
import { withTestSmtp } from "../../../test/helpers/smtp-env";
import { getProposalPdfData, renderProposalPdfFile } from "./proposal-pdf.service";
import { answerPublicProposal } from "./proposal-public.service";
import { sessionCookieFor } from "../../../test/helpers/session-cookie";

// Route handlers read the session cookie through next/headers; here it is the one set below.
const jar = vi.hoisted(() => ({ session: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && jar.session ? { value: jar.session } : undefined) }),
}));

/** Signs `user` in for real (a sessions row) and sets the session cookie the route will read. */
async function signInAs(user: { email: string }) {
  jar.session = (await sessionCookieFor(user.email)).cookie;
}
afterEach(() => { jar.session = ""; });

const memberRequest = (orgSlug: string, proposalId: string) =>
  memberPdf(new Request(`http://localhost:3000/api/organizations/${orgSlug}/proposals/${proposalId}/pdf`), { params: Promise.resolve({ orgSlug, proposalId }) });
const publicRequest = (token: string) => publicPdf(new Request(`http://localhost:3000/p/${token}/pdf`), { params: Promise.resolve({ token }) });

/** The public link's token from the `nth` email to `email`. */
async function tokenFor(email: string, nth: number) {
  return linkIn(await smtp.current.nthTo(email, nth), "/p/").split("/p/")[1]!;
}

const smtp = withTestSmtp();

// Amounts that floats get wrong: 3 × 19.99 less 7.5% plus 8.25%, 0.3 × 0.70, a large amount at
// odd rates, thirds of a third.
const LINES = [
  { description: "Seat licence", quantity: "3", unitPrice: "19.99", discountPercent: "7.5", taxRate: "8.25" },
  { description: "Setup fee", quantity: "1", unitPrice: "0.10", discountPercent: "0", taxRate: "8.25" },
  { description: "Support hours", quantity: "0.3", unitPrice: "0.70", discountPercent: "0", taxRate: "0" },
  { description: "Enterprise platform", quantity: "1.5", unitPrice: "1234567.89", discountPercent: "12.5", taxRate: "19" },
  { description: "Training day", quantity: "7", unitPrice: "33.33", discountPercent: "33.33", taxRate: "7.125" },
];

async function setup(label: string, lines = LINES) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const company = await api.companies.create({ name: `${label} Globex Corporation` });
  const email = uniqueEmail(`${label}-client`);
  const contact = await api.contacts.create({ firstName: "Grace", lastName: "Globex", email });
  const [pipeline] = await api.pipelines.list();
  const deal = await api.opportunities.create({ pipelineId: pipeline!.id, name: `${label} deal`, value: "10000", companyId: company.id, contactId: contact.id });
  const p = await api.proposals.create({
    opportunityId: deal.id, title: "Globex rollout, phase 1", lines, validUntil: "2099-12-31",
    executiveSummary: "Globex moves its sales team to Parley in six weeks.", scopeOfWork: "Rollout and training.",
    customSections: [{ title: "Team", body: "Two consultants." }], termsAndConditions: "Net 30.",
  });
  return { org, api, email, company, p };
}

async function pdfOf(org: TestOrg, proposalId: string) {
  const data = await withOrg({ orgId: org.orgId, userId: org.owner.id }, (tx) =>
    getProposalPdfData(createOrgScope(tx, { orgId: org.orgId, userId: org.owner.id, meta: { ip: null, userAgent: null } }), proposalId));
  return renderProposalPdfFile(data);
}

/** What the database holds, read around the app (as text, exactly). */
async function stored(proposalId: string) {
  const pool = ownerPool();
  const { rows: [totals] } = await pool.query<Record<string, string>>(
    "SELECT subtotal::text, discount_amount::text, discount_percentage::text, tax_amount::text, total_amount::text FROM proposals WHERE id = $1", [proposalId]);
  const { rows: lines } = await pool.query<{ description: string; total_amount: string }>(
    "SELECT description, total_amount::text FROM proposal_line_items WHERE proposal_id = $1 ORDER BY position", [proposalId]);
  return { totals: totals!, lines };
}

describe("proposal PDF", () => {
  it("prints every line total and the totals exactly as the database holds them (as the screen formats them)", async () => {
    const { org, p } = await setup("pdf-totals");
    const file = await pdfOf(org, p.id);
    expect(file.filename).toBe(`${p.proposalNumber}-v1.pdf`);
    const pdf = await readPdf(file.body);
    const db = await stored(p.id);
    const money = (v: string) => formatMoney(v, "USD");
    const text = pdf.text;
    const rows = text.split(/\n|\f/);
    expect(db.lines.map((l) => l.total_amount)).toEqual(["60.05", "0.11", "0.21", "1928240.73", "166.63"]);
    for (const [i, line] of db.lines.entries()) {
      const row = rows.find((r) => r.startsWith(`${line.description} `));
      expect(row, line.description).toBeDefined();
      expect(row!.endsWith(` ${money(line.total_amount)}`), `${row} ends with ${line.total_amount}`).toBe(true);
      expect(row).toContain(` ${LINES[i]!.quantity} `);
    }
    expect(rows).toContain("Seat licence 3 $19.99 7.5% 8.25% $60.05");
    expect(rows).toContain("Support hours 0.3 $0.70 — — $0.21");
    expect(rows).toContain(`Subtotal ${money(db.totals.subtotal!)}`);
    expect(rows).toContain(`Discount (${db.totals.discount_percentage}%) -${money(db.totals.discount_amount!)}`);
    expect(rows).toContain(`Tax ${money(db.totals.tax_amount!)}`);
    expect(rows).toContain(`Total ${money(db.totals.total_amount!)}`);
    // Worked by hand: each line rounded once (half up), the totals the sums of the rounded lines.
    expect(db.totals).toEqual({ subtotal: "1852145.43", discount_amount: "231563.74", discount_percentage: "12.50", tax_amount: "307886.04", total_amount: "1928467.73" });
    // The same strings the proposal page shows (the service it reads).
    expect([p.subtotal, p.discountAmount, p.taxAmount, p.totalAmount]).toEqual([db.totals.subtotal, db.totals.discount_amount, db.totals.tax_amount, db.totals.total_amount]);

    const first = pdf.pages[0]!.text;
    for (const expected of ["Proposal", p.proposalNumber, "Version 1", "Globex rollout, phase 1", "Prepared for pdf-totals Globex Corporation",
      "Grace Globex", "Draft", "Dec 31, 2099", "Executive summary", "Globex moves its sales team to Parley in six weeks.", "Scope of work", "Team", "Two consultants."]) {
      expect(first).toContain(expected);
    }
    expect(text).toContain("Terms and conditions");
    expect(pdf.info).toMatchObject({ Title: `Globex rollout, phase 1 (${p.proposalNumber} v1)`, Author: "pdf-totals Inc" });
  });

  it("paginates a long proposal: rows never cut, the table header repeated on every page it spans, pages numbered", async () => {
    const lines = Array.from({ length: 70 }, (_, i) => ({
      description: i % 7 === 0 ? `Line ${i + 1}: a longer description that wraps over several lines of the description column to test row heights` : `Line ${i + 1}`,
      quantity: String(i + 1), unitPrice: "19.99", discountPercent: "7.5", taxRate: "8.25",
    }));
    const { org, p } = await setup("pdf-long", lines);
    const pdf = await readPdf((await pdfOf(org, p.id)).body);
    const db = await stored(p.id);
    const n = pdf.pages.length;
    expect(n).toBeGreaterThan(2);
    const HEADER = "Description Qty Unit price Discount Tax Amount";
    const withTable = pdf.pages.filter((page) => /^Line \d+/m.test(page.text));
    expect(withTable.length).toBeGreaterThan(1);
    for (const page of withTable) expect(page.text.split("\n")).toContain(HEADER);
    pdf.pages.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} of ${n}`));
    // Every line printed once, whole on one page, its amount on its first printed line.
    const printed = pdf.pages.map((page) => page.text.split("\n"));
    for (const [i, line] of db.lines.entries()) {
      const starts = new RegExp(`^Line ${i + 1}[: ]`);
      const found = printed.flatMap((rows, page) => rows.flatMap((row, at) => (starts.test(row) ? [{ page, at, row }] : [])));
      expect(found.length, `Line ${i + 1}`).toBe(1);
      const { page, at, row } = found[0]!;
      expect(row.endsWith(` ${formatMoney(line.total_amount, "USD")}`), row).toBe(true);
      // A wrapped description goes on right below, on the same page (where it wraps is the font's business).
      if (i % 7 === 0) expect(printed[page]!.slice(at + 1, at + 3).join(" "), `Line ${i + 1}`).toMatch(/ lines of the description column to test row heights$/);
    }
    expect(pdf.text).toContain(`Total ${formatMoney(db.totals.total_amount!, "USD")}`);
  });
});

describe("proposal PDF download routes", () => {
  it("gives a member any version as application/pdf; another organization's member 404, signed out 401, no proposals:read 403", async () => {
    const { org, api, p } = await setup("pdf-route");
    await api.proposals.send({ id: p.id, sentToEmail: uniqueEmail("route-client") });
    const v2 = await api.proposals.update({ id: p.id, values: { title: "Globex rollout, phase 1", lines: [LINES[0]!] } });
    expect(v2.version).toBe(2);

    await signInAs(org.owner);
    for (const [id, version] of [[p.id, 1], [v2.id, 2]] as const) {
      const response = await memberRequest(org.slug, id);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${p.proposalNumber}-v${version}.pdf"`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.subarray(0, 5).toString()).toBe("%PDF-");
      const text = (await readPdf(body)).text;
      expect(text).toContain(`Version ${version}`);
      expect(text).toContain(version === 1 ? "Enterprise platform" : "Total $60.05");
    }
    expect((await memberRequest(org.slug, "not-a-uuid")).status).toBe(404);
    expect((await memberRequest(org.slug, crypto.randomUUID())).status).toBe(404);

    // Someone else: their own organization's slug with our id, and our slug.
    const other = await createOrgWithOwner("pdf-route-other");
    await signInAs(other.owner);
    expect((await memberRequest(other.slug, p.id)).status).toBe(404);
    expect((await memberRequest(org.slug, p.id)).status).toBe(404);

    // A member whose role cannot read proposals.
    const role = await api.roles.create({ name: "No proposals" });
    const outsider = await createOrgWithOwner("pdf-route-noread");
    await ownerPool().query("INSERT INTO memberships (organization_id, user_id, role_id) VALUES ($1, $2, $3)", [org.orgId, outsider.owner.id, role.id]);
    await signInAs(outsider.owner);
    expect((await memberRequest(org.slug, p.id)).status).toBe(403);

    jar.session = "";
    expect((await memberRequest(org.slug, p.id)).status).toBe(401);
  });

  it("gives the client the PDF behind an open or answered link without counting a view; nothing for revoked, replaced or made-up links", async () => {
    process.env.NEXTAUTH_URL = "https://crm.example.com";
    try {
      const { api, email, p } = await setup("pdf-public");
      await api.proposals.send({ id: p.id });
      const token = await tokenFor(email, 1);

      const response = await publicRequest(token);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${p.proposalNumber}-v1.pdf"`);
      const pdf = await readPdf(Buffer.from(await response.arrayBuffer()));
      expect(pdf.text).toContain(`Total ${formatMoney(p.totalAmount, "USD")}`);
      expect((await api.proposals.get({ id: p.id })).viewCount).toBe(0);

      expect((await publicRequest("not-a-real-link-0123456789abcdef")).status).toBe(404);

      // Answered: still the client's to keep, saying so.
      expect(await answerPublicProposal(token, { decision: "accept", fullName: "Grace Globex" }, { ip: "198.51.100.4", userAgent: "client" })).toEqual({ ok: true, status: "accepted" });
      const answered = await publicRequest(token);
      expect(answered.status).toBe(200);
      expect((await readPdf(Buffer.from(await answered.arrayBuffer()))).text).toMatch(/Accepted by Grace Globex on /);

      // Revised: the old link leads nowhere; the new version's link, once withdrawn, neither.
      const v2 = await api.proposals.update({ id: p.id, values: { title: "Globex rollout, phase 2", lines: [LINES[0]!] } });
      expect((await publicRequest(token)).status).toBe(404);
      await api.proposals.send({ id: v2.id });
      const second = await tokenFor(email, 2);
      expect((await publicRequest(second)).status).toBe(200);
      await api.proposals.revokeLink({ id: v2.id });
      expect((await publicRequest(second)).status).toBe(404);
    } finally {
      delete process.env.NEXTAUTH_URL;
    }
  });
});
