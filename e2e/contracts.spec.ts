import { type Locator, type Page, expect, test } from "@playwright/test";
import pg from "pg";
import { readPdf } from "../test/helpers/pdf";
import { PASSWORD, addMemberDirectly, formAlert, signIn, signOut, signUp } from "./helpers";

const SHOTS = "/tmp/contracts-shots";
/** A full-page screenshot from the top (the sticky header and sidebar stay put). */
async function shot(page: Page, name: string, fullPage = true) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}
const usd = (amount: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount as unknown as number);

/** Downloads a PDF with the page's own cookies and reads its text back. */
async function pdfText(page: Page, url: string) {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  return readPdf(await response.body());
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Draws a signature-like stroke or two on the signature pad with the mouse. */
async function drawSignature(page: Page, scope: Locator | Page = page) {
  const canvas = scope.getByTestId("signature-canvas");
  await expect(canvas).toHaveAttribute("data-ready", "true");
  const box = (await canvas.boundingBox())!;
  const x = (f: number) => box.x + box.width * f;
  const y = box.y + box.height * 0.6;
  await page.mouse.move(x(0.08), y);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) await page.mouse.move(x(0.08 + i * 0.025), y - Math.sin(i / 2) * box.height * 0.14, { steps: 2 });
  await page.mouse.up();
  await page.mouse.move(x(0.2), y - box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(x(0.4), y + box.height * 0.08, { steps: 6 });
  await page.mouse.up();
  await expect(canvas).toHaveAttribute("data-drawn", "true");
}

/** Opens the newest email to `to` whose subject matches, in the dev outbox, then its link to `path`. */
async function followEmailLink(page: Page, to: string, subject: RegExp, path: RegExp) {
  await page.goto("/dev/outbox");
  await page.getByRole("row", { name: new RegExp(to) }).filter({ hasText: subject }).first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await page.getByRole("link", { name: path }).click();
}

test("from an approved, accepted proposal to an active contract: the client signs by drawing, the owner countersigns by typing, the totals hold to the cent", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const org = await signUp(page, { firstName: "Rita", organizationName: `Initech ${Date.now().toString(36)}` });
  const managerEmail = await addMemberDirectly(org.slug, "Manager");

  // The client's company and the deal.
  await page.goto(`/${org.slug}/companies/new`);
  await page.getByLabel("Name", { exact: true }).fill("Globex Corporation");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { name: "Globex Corporation" })).toBeVisible();
  await page.goto(`/${org.slug}/pipeline`);
  await page.getByRole("link", { name: "New deal" }).click();
  await page.getByLabel("Deal name").fill("Globex support");
  await page.getByLabel("Value").fill("2500");
  await page.getByLabel("Companies").fill("Globex");
  await page.getByRole("list", { name: "Matching companies" }).getByRole("button", { name: "Globex Corporation" }).click();
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Globex support" })).toBeVisible();
  const dealUrl = page.url();
  await expect(page.getByRole("heading", { name: "Contracts" })).toBeVisible();
  await expect(page.getByText("No contracts for this deal yet.")).toBeVisible();

  // The rep proposes with a discount above the 20% threshold.
  await page.getByRole("link", { name: "New proposal" }).click();
  await page.getByLabel("Title").fill("Globex support, year one");
  await page.getByRole("button", { name: "Add free-form line" }).click();
  await page.getByLabel("Description, line 1").fill("Seat licence");
  await page.getByLabel("Quantity, line 1").fill("25");
  await page.getByLabel("Unit price, line 1").fill("49.99");
  await page.getByRole("button", { name: "Add free-form line" }).click();
  await page.getByLabel("Description, line 2").fill("Custom integration");
  await page.getByLabel("Unit price, line 2").fill("3000");
  await page.getByLabel("Discount %, line 2").fill("60");
  const editorTotal = await page.getByTestId("editor-total").textContent();
  expect(editorTotal).toBe("$2,449.75");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Globex support, year one" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("above your organization's 20.00% threshold");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Waiting for Manager Person to decide.")).toBeVisible();
  const proposalUrl = page.url();
  const proposalId = proposalUrl.split("/").pop()!;

  // A manager approves.
  await signOut(page);
  await signIn(page, managerEmail, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(`/${org.slug}/approvals`);
  const request = page.getByRole("listitem").filter({ hasText: "Globex support, year one" });
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("heading", { name: "Nothing waiting for you" })).toBeVisible();
  await signOut(page);

  // The rep sends it.
  await signIn(page, org.email, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(proposalUrl);
  await expect(page.getByTestId("proposal-total")).toHaveText(editorTotal!);
  const client = `grace-${Date.now()}@globex.example`;
  await page.getByRole("button", { name: "Send to client" }).click();
  await page.getByLabel("Client's email").fill(client);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible();

  // The client opens the link from the email (the view is recorded) and accepts by typing a name.
  const device = await browser.newContext();
  const other = await device.newPage();
  await followEmailLink(other, client, /sent you a proposal: Globex support, year one/, /\/p\//);
  await expect(other.getByRole("heading", { name: "Globex support, year one" })).toBeVisible();
  await expect(other.getByTestId("public-total")).toHaveText(editorTotal!);
  await page.reload();
  await expect(page.getByText("Viewed", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/^1× \(first /)).toBeVisible();
  await other.getByLabel("Your full name").fill("Grace Globex");
  await other.getByRole("button", { name: "Accept the proposal" }).click();
  await expect(other.getByRole("status")).toContainText("Accepted by Grace Globex");

  // Accepted, and the deal is Won.
  await page.goto(dealUrl);
  await expect(page.getByText(/· Won/).first()).toBeVisible();
  await page.goto(proposalUrl);
  await expect(page.getByText("Accepted", { exact: true }).first()).toBeVisible();
  const proposalTotal = await page.getByTestId("proposal-total").textContent();
  expect(proposalTotal).toBe(editorTotal);

  // The rep creates the contract from the accepted proposal and splits it into 3 monthly instalments.
  await page.getByRole("link", { name: "Create contract" }).click();
  await expect(page.getByRole("heading", { name: "New contract" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Globex support, year one");
  await expect(page.getByLabel("Total value")).toHaveValue("2449.75");
  await expect(page.getByTestId("schedule-check")).toHaveText("Adds up to $2,449.75 ✓");
  await page.getByLabel("Number of instalments").fill("3");
  await page.getByLabel("How often").selectOption("monthly");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await expect(page.getByLabel("Amount, instalment 1")).toHaveValue("816.59");
  await expect(page.getByLabel("Amount, instalment 2")).toHaveValue("816.58");
  await expect(page.getByLabel("Amount, instalment 3")).toHaveValue("816.58");
  await expect(page.getByTestId("schedule-check")).toHaveText("Adds up to $2,449.75 ✓");
  // A cent off is caught live, and by the schema on submit, beside the schedule; nothing typed is lost.
  await page.getByLabel("Amount, instalment 3").fill("816.57");
  await expect(page.getByTestId("schedule-check")).toHaveText("$0.01 short of the total");
  await page.getByLabel("Contract terms").fill("Globex Corporation receives support for 25 seats for one year.");
  await page.getByRole("button", { name: "Create draft contract" }).click();
  await expect(formAlert(page)).toContainText("Some fields need your attention");
  await expect(page.getByText(/The instalments are 0.01 short of the total value \(2449.75\)/)).toBeVisible();
  await expect(page.getByLabel("Contract terms")).toHaveValue("Globex Corporation receives support for 25 seats for one year.");
  await page.getByLabel("Amount, instalment 3").fill("816.58");
  await expect(page.getByTestId("schedule-check")).toHaveText("Adds up to $2,449.75 ✓");
  await expect(page.getByText(/The instalments are 0.01 short/)).toHaveCount(0);
  await shot(page, "new-contract-form");
  await page.getByRole("button", { name: "Create draft contract" }).click();

  await expect(page.getByRole("heading", { name: "Globex support, year one" })).toBeVisible();
  await expect(page.getByText(/C-\d{4}-0001/).first()).toBeVisible();
  await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
  const contractUrl = page.url();
  const contractId = contractUrl.split("/").pop()!;

  // Sent for signature, to the client's email (the deal has no contact to default to).
  await page.getByRole("button", { name: "Send for signature" }).click();
  const send = page.getByRole("dialog");
  await send.getByLabel("Signer's email").fill(client);
  await send.getByRole("button", { name: "Send for signature" }).click();
  await expect(page.getByText("Pending signature", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Resend link" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Signing links" })).toContainText(client);
  await expect(page.getByTestId("document-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await shot(page, "detail-pending");

  // The client opens the signing link from the email and signs by drawing.
  await followEmailLink(other, client, /sent you a contract to sign: Globex support, year one/, /\/c\//);
  await expect(other.getByRole("heading", { name: "Globex support, year one" })).toBeVisible();
  await expect(other.getByTestId("public-contract-value")).toHaveText(editorTotal!);
  await expect(other.getByTestId("public-schedule-total")).toHaveText(editorTotal!);
  await expect(other.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  const signingUrl = other.url();
  // Consent is required; what was typed stays.
  await other.getByLabel("Your full name").fill("Grace Globex");
  await other.getByRole("tab", { name: "Draw" }).click();
  await drawSignature(other);
  await shot(other, "public-signing-desktop");
  await other.getByRole("button", { name: "Sign contract" }).click();
  await expect(other.getByText("Tick the box to agree to sign electronically")).toBeVisible();
  await expect(other.getByLabel("Your full name")).toHaveValue("Grace Globex");
  await expect(other.getByTestId("signature-canvas")).toHaveAttribute("data-drawn", "true");
  await other.getByLabel("I agree to sign electronically").check();
  await other.getByRole("button", { name: "Sign contract" }).click();
  await expect(other.getByRole("status")).toContainText("Signed by Grace Globex on");
  await expect(other.getByRole("link", { name: "Download PDF" })).toHaveAttribute("href", /^\/c\/[A-Za-z0-9_-]+\/pdf$/);
  await expect(other.getByRole("button", { name: "Sign contract" })).toHaveCount(0);
  await shot(other, "public-signed");

  // The owner countersigns by typing (the Draw tab is tried first, for the screenshot).
  await page.reload();
  await expect(page.getByTestId("client-signature")).toContainText("Signed by Grace Globex");
  await expect(page.getByTestId("client-signature")).toContainText("drawn signature");
  await expect(page.getByRole("region", { name: "Signing links" })).toContainText("viewed");
  await page.getByRole("button", { name: "Countersign" }).click();
  const dialog = page.getByRole("dialog", { name: /Countersign/ });
  await expect(dialog.getByLabel("Full name")).toHaveValue("Rita Tester");
  await dialog.getByRole("tab", { name: "Draw" }).click();
  await drawSignature(page, dialog);
  await dialog.getByLabel(/I agree to sign electronically/).check();
  await shot(page, "countersign-dialog-drawn", false);
  await dialog.getByRole("tab", { name: "Type" }).click();
  await expect(dialog.getByTestId("typed-signature")).toContainText("Rita Tester");
  await dialog.getByRole("button", { name: "Countersign" }).click();
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("internal-signature")).toContainText("Countersigned by Rita Tester");
  await expect(page.getByTestId("internal-signature")).toContainText("typed signature");
  await expect(page.getByRole("button", { name: "Terminate" })).toBeVisible();
  await shot(page, "detail-active");

  // The totals match the database to the cent: the editor's, the proposal page's, the contract's.
  const [proposalRow] = await query<{ total: string }>("SELECT total_amount::text AS total FROM proposals WHERE id = $1", [proposalId]);
  const [contractRow] = await query<{ status: string; total: string; scheduled: string; amounts: string[] }>(
    `SELECT status::text, total_value::text AS total, parley_schedule_total(payment_schedule)::text AS scheduled,
            ARRAY(SELECT i ->> 'amount' FROM jsonb_array_elements(payment_schedule) i) AS amounts
       FROM contracts WHERE id = $1`, [contractId]);
  expect(proposalRow!.total).toBe("2449.75");
  expect(contractRow).toEqual({ status: "active", total: "2449.75", scheduled: "2449.75", amounts: ["816.59", "816.58", "816.58"] });
  expect([editorTotal, proposalTotal, await page.getByTestId("contract-value").textContent(), await page.getByTestId("contract-schedule-total").textContent()])
    .toEqual(Array(4).fill(usd(contractRow!.total)));

  // The PDFs print the same cents: the proposal's, and the signed contract's with its certificate
  // (both signers, where from, the document hash the database holds), for the rep and the client.
  const [signed] = await query<{ hash: string; clientIp: string | null; internalIp: string | null }>(
    `SELECT document_hash AS hash, client_signature_ip AS "clientIp", internal_signature_ip AS "internalIp" FROM contracts WHERE id = $1`, [contractId]);
  expect(signed).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), clientIp: expect.any(String), internalIp: expect.any(String) });
  const proposalPdf = await pdfText(page, `/api/organizations/${org.slug}/proposals/${proposalId}/pdf`);
  expect(proposalPdf.text).toContain(`Total ${usd(proposalRow!.total)}`);
  for (const url of [`/api/organizations/${org.slug}/contracts/${contractId}/pdf`, `${new URL(signingUrl).pathname}/pdf`]) {
    const pdf = await pdfText(url.startsWith("/c/") ? other : page, url);
    expect(pdf.text).toContain(usd(contractRow!.total));
    for (const amount of contractRow!.amounts) expect(pdf.text).toContain(usd(amount));
    const certificate = pdf.pages.at(-1)!.text;
    expect(certificate).toContain("Signature certificate");
    expect(certificate.replace(/\s/g, "")).toContain(signed!.hash);
    for (const expected of ["Grace Globex", "Rita Tester", "Drawn signature", "Typed name", signed!.clientIp!, signed!.internalIp!]) expect(certificate).toContain(expected);
  }

  // The client's signed copy arrives by email, the same PDF attached.
  await other.goto("/dev/outbox");
  await other.getByRole("row", { name: new RegExp(client) }).filter({ hasText: /Your signed copy of C-\d{4}-0001/ }).first().getByRole("link").click();
  const attachment = other.getByRole("region", { name: "Attachments" }).getByRole("link", { name: /C-\d{4}-0001-signed\.pdf/ });
  await expect(attachment).toBeVisible();
  const mailed = await pdfText(other, (await attachment.getAttribute("href"))!);
  expect(mailed.pages.at(-1)!.text.replace(/\s/g, "")).toContain(signed!.hash);

  // The list, the proposal and the deal point at the contract.
  await page.goto(`/${org.slug}/contracts`);
  const row = page.getByRole("row", { name: /Globex support, year one/ });
  await expect(row).toContainText("Globex Corporation");
  await expect(row).toContainText("Active");
  await expect(row).toContainText(editorTotal!);
  await page.goto(proposalUrl);
  await expect(page.getByRole("link", { name: /Contract C-\d{4}-0001/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create contract" })).toHaveCount(0);
  await page.goto(dealUrl);
  await expect(page.getByRole("region", { name: "Contracts" }).getByRole("link", { name: /Globex support, year one/ })).toBeVisible();

  // A second contract straight from the deal, sent for signature, to show the signing page on a phone.
  await page.getByRole("link", { name: "New contract" }).click();
  await page.getByLabel("Title").fill("Globex on-site training");
  await page.getByLabel("Total value").fill("1200");
  await page.getByLabel("Number of instalments").fill("2");
  await page.getByLabel("How often").selectOption("quarterly");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await expect(page.getByTestId("schedule-check")).toHaveText("Adds up to $1,200.00 ✓");
  await page.getByRole("button", { name: "Create draft contract" }).click();
  await expect(page.getByRole("heading", { name: "Globex on-site training" })).toBeVisible();
  await page.getByRole("button", { name: "Send for signature" }).click();
  await page.getByRole("dialog").getByLabel("Signer's email").fill(client);
  await page.getByRole("dialog").getByRole("button", { name: "Send for signature" }).click();
  await expect(page.getByText("Pending signature", { exact: true }).first()).toBeVisible();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const mobile = await phone.newPage();
  await followEmailLink(mobile, client, /sent you a contract to sign: Globex on-site training/, /\/c\//);
  await expect(mobile.getByRole("heading", { name: "Globex on-site training" })).toBeVisible();
  await mobile.getByLabel("Your full name").fill("Grace Globex");
  await shot(mobile, "public-signing-mobile");
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();

  // Withdrawn to draft: the link gets a clear page, and so does a made-up one.
  await page.getByRole("button", { name: "Withdraw to draft" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
  const trainingUrl = page.url();
  await followEmailLink(other, client, /sent you a contract to sign: Globex on-site training/, /\/c\//);
  await expect(other.getByRole("heading", { name: "This link was withdrawn" })).toBeVisible();
  const response = await other.goto("/c/not-a-real-link-0123456789abcdef");
  expect(response?.status()).toBe(200);
  await expect(other.getByRole("heading", { name: "This link isn't valid" })).toBeVisible();
  await device.close();

  // The draft is edited again: a new total needs a new schedule.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: /Edit C-\d{4}-0002/ })).toBeVisible();
  await page.getByLabel("Total value").fill("1500");
  await expect(page.getByTestId("schedule-check")).toHaveText("$300.00 short of the total");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await expect(page.getByTestId("schedule-check")).toHaveText("Adds up to $1,500.00 ✓");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(trainingUrl);
  await expect(page.getByTestId("contract-value")).toHaveText("$1,500.00");
  await expect(page.getByTestId("contract-schedule-total")).toHaveText("$1,500.00");

  // The list: both contracts, filters and a phone's view.
  await page.goto(`/${org.slug}/contracts`);
  await expect(page.getByRole("row")).toHaveCount(3);
  await shot(page, "list");
  await page.getByLabel("Status").selectOption("draft");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("row", { name: /Globex on-site training/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Globex support, year one/ })).toHaveCount(0);
  await page.goto(`/${org.slug}/contracts?endingWithinDays=30`);
  await expect(page.getByRole("heading", { name: "No contracts match" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/${org.slug}/contracts`);
  await shot(page, "list-mobile");
  await page.goto(contractUrl);
  await shot(page, "detail-active-mobile");
  await page.setViewportSize({ width: 1280, height: 800 });

  // A draft can be deleted.
  await page.goto(trainingUrl);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/${org.slug}/contracts$`));
  await expect(page.getByRole("row")).toHaveCount(2);
});
