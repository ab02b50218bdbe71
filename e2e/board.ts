import type { Locator, Page } from "@playwright/test";

/** A board column by its stage name (its label reads "Won: 3 deals"). */
export const column = (page: Page, stage: string) => page.locator(`section[aria-label^='${stage}:']`);

/** Drags a card with the mouse in small steps, as dnd-kit's pointer sensor needs. */
export async function drag(page: Page, card: Locator, target: Locator) {
  await target.scrollIntoViewIfNeeded();
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 8);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
  await page.mouse.up();
}
