import { type Locator, type Page, expect } from "@playwright/test";

/** A board column by its stage name (its label reads "Won: 3 deals"). */
export const column = (page: Page, stage: string) => page.locator(`section[aria-label^='${stage}:']`);

type Box = { x: number; y: number; width: number; height: number };

/**
 * Where the card and the target are on screen. The board re-renders its columns when the
 * server's fresh data arrives (after a filter or a move), which can detach the element a
 * scroll was aimed at; measuring again on the new element is what a user's eye does too.
 */
async function measure(card: Locator, target: Locator) {
  let boxes: { from: Box; to: Box } | undefined;
  await expect(async () => {
    await target.scrollIntoViewIfNeeded({ timeout: 2_000 });
    await card.scrollIntoViewIfNeeded({ timeout: 2_000 });
    const [from, to] = [await card.boundingBox(), await target.boundingBox()];
    expect(from, "the card is on screen").not.toBeNull();
    expect(to, "the target column is on screen").not.toBeNull();
    boxes = { from: from!, to: to! };
  }).toPass({ timeout: 10_000 });
  return boxes!;
}

/** Drags a card with the mouse in small steps, as dnd-kit's pointer sensor needs. */
export async function drag(page: Page, card: Locator, target: Locator) {
  const { from, to } = await measure(card, target);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 8);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
  await page.mouse.up();
}
