import { type Page, expect, test } from "@playwright/test";
import { addMemberDirectly, signIn, signOut, signUp } from "./helpers";

// The stage editor's rows, top to bottom, by the value of each row's name field.
const stageNames = (page: Page) =>
  page.getByRole("list", { name: "Stages of Sales" }).getByRole("textbox", { name: /^Name of / })
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

// The board's columns, left to right ("Lead in: 0 deals" → "Lead in").
const boardColumns = (page: Page) =>
  page.locator("section[aria-label$=' deals']").evaluateAll((sections) => sections.map((s) => s.getAttribute("aria-label")!.replace(/: \d+ deals$/, "")));

const status = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

// Wide enough that the board shows every column without scrolling.
test.use({ viewport: { width: 1800, height: 1000 } });

test("an owner adds a stage, renames it, moves it with the keyboard, and the board follows", async ({ page }) => {
  await signUp(page);
  await page.getByRole("navigation", { name: "Product" }).getByRole("link", { name: "Pipeline" }).click();
  await expect(page.getByRole("heading", { name: "Sales", exact: true, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Edit pipelines" }).click();
  await expect(page.getByRole("heading", { name: "Pipeline settings" })).toBeVisible();
  await expect.poll(() => stageNames(page)).toEqual(["Lead in", "Qualified", "Proposal sent", "Negotiation", "Won", "Lost"]);

  // A new open stage lands after the last open one, ahead of Won and Lost.
  await page.getByLabel("New stage name").fill("Demo");
  await page.getByLabel("Probability (%)", { exact: true }).fill("40");
  await page.getByRole("button", { name: "Add stage" }).click();
  await expect(page.getByLabel("Name of Demo", { exact: true })).toBeVisible();
  await expect.poll(() => stageNames(page)).toEqual(["Lead in", "Qualified", "Proposal sent", "Negotiation", "Demo", "Won", "Lost"]);

  // Validation is the procedure's own schema, shown beside the field before any request.
  await page.getByLabel("Probability (%) of Demo", { exact: true }).fill("101");
  await page.getByRole("button", { name: "Save Demo" }).click();
  await expect(page.getByText("Probability cannot be above 100")).toBeVisible();
  await page.getByLabel("Probability (%) of Demo", { exact: true }).fill("40");

  await page.getByLabel("Name of Demo", { exact: true }).fill("Product demo");
  await page.getByLabel("Name of Demo", { exact: true }).press("Enter");
  await expect(page.getByLabel("Name of Product demo", { exact: true })).toBeVisible();
  await expect(status(page, "Saved Product demo")).toBeVisible();

  // Keyboard only: focus stays on the move button as the row moves.
  const up = page.getByRole("button", { name: "Move Product demo up" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => stageNames(page)).toEqual(["Lead in", "Qualified", "Proposal sent", "Product demo", "Negotiation", "Won", "Lost"]);
  await expect(up).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => stageNames(page)).toEqual(["Lead in", "Qualified", "Product demo", "Proposal sent", "Negotiation", "Won", "Lost"]);
  await expect(status(page, "Product demo is now stage 3 of 7")).toBeVisible();

  await page.getByRole("link", { name: "Open board" }).click();
  await expect(page.getByRole("heading", { name: "Sales", exact: true, level: 1 })).toBeVisible();
  await expect.poll(() => boardColumns(page)).toEqual(["Lead in", "Qualified", "Product demo", "Proposal sent", "Negotiation", "Won", "Lost"]);
});

test("a member sees no way to edit pipelines", async ({ page }) => {
  const { slug } = await signUp(page);
  await signOut(page);
  await signIn(page, await addMemberDirectly(slug, "Member"));
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await page.goto(`/${slug}/pipeline`);
  await expect(page.getByRole("link", { name: "New deal" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit pipelines" })).toHaveCount(0);
  await page.goto(`/${slug}/pipeline/settings`);
  await expect(page.getByRole("heading", { name: "Only admins can change pipelines" })).toBeVisible();
});
