import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const MESSY = [
  "Company,Website,First name,Last name,Email,Employees,Source,Nurture,Tags",
  "Acme Logistics,acme.example,Ana,Diaz,ana@acme.example,120,Trade Show,Hot,Enterprise;Q1 target",
  "Beta Bakery,https://beta.example,Ben,,ben@beta.example,12,website,warm,",
  ",nameless.example,No,Company,,,,,",
  "Gamma Games,gamma.example,Gia,Ng,not-an-email,,,,",
  "Acme Logistics Inc,https://www.acme.example,Ann,Other,ann@acme.example,,,,",
  "Foxtrot Farms,foxtrot.example,Fay,Fox,fay@foxtrot.example,40,Carrier Pigeon,,",
].join("\n");

test("a messy CSV import maps columns, reports its rejects and can be undone in one click", async ({ page }) => {
  const { slug } = await signUp(page);
  await page.goto(`/${slug}/leads`);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import from CSV" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "messy-leads.csv", mimeType: "text/csv", buffer: Buffer.from(MESSY) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  await expect(page.getByRole("heading", { name: "messy-leads.csv", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Company name *")).toHaveValue("Company");
  await expect(page.getByLabel("Contact email")).toHaveValue("Email");
  await page.screenshot({ path: ".data/test-results/screens/import-mapping.png", fullPage: true });
  await page.getByRole("button", { name: "Import 6 rows" }).click();

  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  const rejects = page.getByRole("region", { name: /rejected rows/ });
  await expect(page.getByRole("heading", { name: "3 rejected rows" })).toBeVisible();
  await expect(rejects.getByRole("row", { name: /4 Company name is required/ })).toBeVisible();
  await expect(rejects.getByRole("row", { name: /5 Contact email: Enter a valid email address/ })).toBeVisible();
  await expect(rejects.getByRole("row", { name: /7 Lead source must be one of/ })).toBeVisible();
  await page.screenshot({ path: ".data/test-results/screens/import-report.png", fullPage: true });

  await page.goto(`/${slug}/leads`);
  await expect(page.getByText("2 leads")).toBeVisible();
  await page.goBack();

  await page.getByRole("button", { name: "Undo import" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByRole("heading", { name: "Import undone" })).toBeVisible();
  await page.goto(`/${slug}/leads`);
  await expect(page.getByRole("heading", { name: "No leads yet" })).toBeVisible();
});
