import { type Locator, type Page, expect, test } from "@playwright/test";
import { PASSWORD, addMemberDirectly, signIn, signOut, signUp } from "./helpers";

const shot = (name: string) => `/tmp/proposals-${name}.png`;

/** Follows a "Download PDF" link with the page's own cookies: a real PDF comes back. */
async function expectPdf(page: Page, link: Locator, disposition: RegExp) {
  await expect(link).toBeVisible();
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(disposition);
  const body = await response.body();
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(body.length).toBeGreaterThan(1000);
}

test("a rep proposes from a deal with a discount above the threshold; a manager approves; the totals hold; the rep sends it and the client accepts through the public link", async ({ page, browser }) => {
  // Three people, two browsers, eight steps and two PDFs: over a minute on a busy machine.
  test.setTimeout(120_000);
  const org = await signUp(page, { firstName: "Rita" });
  for (const [name, price, tax] of [["Implementation", "4500", "8.25"], ["Seat licence", "49.99", "0"]] as const) {
    await page.goto(`/${org.slug}/products/new`);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Unit price").fill(price);
    await page.getByLabel("Tax rate (%)").fill(tax);
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  }
  await page.goto(`/${org.slug}/pipeline`);
  await page.getByRole("link", { name: "New deal" }).click();
  await page.getByLabel("Deal name").fill("Globex rollout");
  await page.getByLabel("Value").fill("20000");
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page.getByRole("heading", { name: "Globex rollout" })).toBeVisible();
  const managerEmail = await addMemberDirectly(org.slug, "Manager");

  await page.getByRole("link", { name: "New proposal" }).click();
  await expect(page.getByRole("heading", { name: "New proposal" })).toBeVisible();
  await page.getByLabel("Title").fill("Globex rollout, phase 1");
  await page.getByLabel("Catalog product").selectOption({ label: "Implementation ($4,500.00)" });
  await page.getByRole("button", { name: "Add product line" }).click();
  await page.getByLabel("Catalog product").selectOption({ label: "Seat licence ($49.99)" });
  await page.getByRole("button", { name: "Add product line" }).click();
  await page.getByLabel("Quantity, line 2").fill("25");
  await page.getByRole("button", { name: "Add free-form line" }).click();
  await page.getByLabel("Description, line 3").fill("Custom integration");
  await page.getByLabel("Unit price, line 3").fill("3000");
  await page.getByLabel("Discount %, line 3").fill("60");
  await page.getByLabel("Executive summary").fill("Globex moves its sales team to Parley in six weeks.");
  // Live totals, from the same function the server stores with.
  const editorTotals = {
    subtotal: await page.getByTestId("editor-subtotal").textContent(), discount: await page.getByTestId("editor-discount").textContent(),
    tax: await page.getByTestId("editor-tax").textContent(), total: await page.getByTestId("editor-total").textContent(),
  };
  expect(editorTotals).toEqual({ subtotal: "$8,749.75", discount: "−$1,800.00", tax: "$371.25", total: "$7,321.00" });
  await page.screenshot({ path: shot("editor"), fullPage: true });
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByRole("heading", { name: "Globex rollout, phase 1" })).toBeVisible();
  await expect(page.getByText(/P-\d{4}-0001 · version 1/)).toBeVisible();
  await expect(page.getByRole("note")).toContainText("above your organization's 20.00% threshold");
  await expect(page.getByRole("button", { name: "Send to client" })).toHaveCount(0);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByLabel("Approver", { exact: true })).toContainText("Manager Person (Manager)");
  await page.getByLabel("Note for the approver (optional)").fill("Strategic logo");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Pending approval").first()).toBeVisible();
  await expect(page.getByText("Waiting for Manager Person to decide.")).toBeVisible();
  const proposalUrl = page.url();
  await page.screenshot({ path: shot("pending"), fullPage: true });

  await signOut(page);
  await signIn(page, managerEmail, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(`/${org.slug}/approvals`);
  const request = page.getByRole("listitem").filter({ hasText: "Globex rollout, phase 1" });
  await expect(request).toContainText("discount 20.57%");
  await expect(request).toContainText("Note: Strategic logo");
  await page.screenshot({ path: shot("approvals"), fullPage: true });
  await request.getByLabel("Comment").fill("Approved for the logo");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("heading", { name: "Nothing waiting for you" })).toBeVisible();

  await signOut(page);
  await signIn(page, org.email, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(proposalUrl);
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("“Approved for the logo”")).toBeVisible();
  expect({
    subtotal: await page.getByTestId("proposal-subtotal").textContent(), discount: await page.getByTestId("proposal-discount").textContent(),
    tax: await page.getByTestId("proposal-tax").textContent(), total: await page.getByTestId("proposal-total").textContent(),
  }).toEqual(editorTotals);
  await expect(page.getByRole("button", { name: "Send to client" })).toBeVisible();
  await page.screenshot({ path: shot("approved"), fullPage: true });
  // The PDF of this version, downloaded with the rep's session.
  await expectPdf(page, page.getByRole("link", { name: "Download PDF" }), /^attachment; filename="P-\d{4}-0001-v1\.pdf"$/);

  await page.goto(`/${org.slug}/proposals`);
  await expect(page.getByRole("row", { name: /Globex rollout, phase 1/ })).toContainText("$7,321.00");
  await page.screenshot({ path: shot("list"), fullPage: true });

  // The rep sends it to the client: an email with a public link.
  const client = `client-${Date.now()}@globex.example`;
  await page.goto(proposalUrl);
  await page.getByRole("button", { name: "Send to client" }).click();
  await page.getByLabel("Client's email").fill(client);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke link" })).toBeVisible();

  // The client, signed out on their own device, follows the link from the email.
  const device = await browser.newContext();
  const other = await device.newPage();
  await other.goto("/dev/outbox");
  await other.getByRole("row", { name: new RegExp(client) }).getByRole("link").click();
  await expect(other.getByRole("heading", { name: /sent you a proposal: Globex rollout, phase 1/ })).toBeVisible();
  await other.getByRole("link", { name: /\/p\// }).click();
  await expect(other.getByRole("heading", { name: "Globex rollout, phase 1" })).toBeVisible();
  expect({
    subtotal: await other.getByTestId("public-subtotal").textContent(), discount: await other.getByTestId("public-discount").textContent(),
    tax: await other.getByTestId("public-tax").textContent(), total: await other.getByTestId("public-total").textContent(),
  }).toEqual(editorTotals);
  await expect(other.getByRole("row", { name: /Custom integration/ })).toBeVisible();
  // The client can keep a PDF of it, signed out.
  await expectPdf(other, other.getByRole("link", { name: "Download PDF" }), /^attachment; filename="P-\d{4}-0001-v1\.pdf"$/);
  await expect(other.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await other.screenshot({ path: "/tmp/public-proposal.png", fullPage: true });
  // A name is needed to accept.
  await other.getByRole("button", { name: "Accept the proposal" }).click();
  await expect(other.getByText("Type your full name to accept")).toBeVisible();
  await other.getByLabel("Your full name").fill("Grace Globex");
  await other.getByRole("button", { name: "Accept the proposal" }).click();
  await expect(other.getByRole("status")).toContainText("Accepted by Grace Globex");
  await expect(other.getByRole("button", { name: "Accept the proposal" })).toHaveCount(0);
  await other.screenshot({ path: "/tmp/public-accepted.png", fullPage: true });
  // A link cut short or made up gets a clear page, not an error.
  const response = await other.goto("/p/not-a-real-link-0123456789abcdef");
  expect(response?.status()).toBe(200);
  await expect(other.getByRole("heading", { name: "This link isn't valid" })).toBeVisible();
  await other.screenshot({ path: "/tmp/public-invalid.png", fullPage: true });
  await device.close();

  // Back as the rep: accepted, by whom; the deal is Won.
  await page.goto(proposalUrl);
  await expect(page.getByText("Accepted", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/by Grace Globex/)).toBeVisible();
  await page.getByRole("link", { name: "Globex rollout", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Globex rollout" })).toBeVisible();
  await expect(page.getByText(/· Won/).first()).toBeVisible();
  await page.screenshot({ path: shot("deal-won"), fullPage: true });
});
