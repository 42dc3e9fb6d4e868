import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

/** The quarter `by` quarters from now, as the quarter selects show it. */
function quarterFromNow(by: number): string {
  const now = new Date();
  const n = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) + by;
  return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
}

/** Inserts an initiative after the caret's block; its title field takes the caret. */
async function insertInitiative(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Initiative", exact: true }).click();
  const title = page.getByRole("textbox", { name: "Title" }).last();
  await expect(title).toBeFocused();
  const id = await page.locator(".block-card--initiative:focus-within").getAttribute("data-block-id");
  expect(id).toMatch(/^[0-9a-f]{24}$/);
  return page.locator(`[data-block-id="${id}"]`);
}

test("two people edit two fields of one initiative at once, both keep their change, and undo is per person", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openDocument(lead, ACCOUNT, ROADMAP);
  await openDocument(sales, ACCOUNT, ROADMAP);

  await typeAtEnd(lead, "Initiatives for the pilot:");
  const card = await insertInitiative(lead);
  // Only the keyboard from here: type, Tab, arrows and letters.
  await lead.keyboard.type("Metro-X pilot line", { delay: 10 });
  await lead.keyboard.press("Tab");
  await expect(card.getByLabel("Starts")).toBeFocused();
  await lead.keyboard.press("ArrowDown");
  await lead.keyboard.press("Tab");
  await expect(card.getByLabel("Ends")).toBeFocused();
  await lead.keyboard.press("ArrowDown"); // the first quarter on offer: the start
  await lead.keyboard.press("ArrowDown");
  await lead.keyboard.press("Tab");
  await expect(card.getByLabel("Department")).toBeFocused();
  await lead.keyboard.press("p");
  await lead.keyboard.press("Tab");
  await expect(card.getByLabel("Budget")).toBeFocused();
  await lead.keyboard.type("120000", { delay: 10 });

  await expect(card.getByLabel("Starts")).toHaveValue(quarterFromNow(1));
  await expect(card.getByLabel("Ends")).toHaveValue(quarterFromNow(2));
  await expect(card.getByLabel("Department")).toHaveValue("production");
  await expect(card.getByLabel("Status")).toHaveValue("planned");

  // The other member sees every field live.
  const id = await card.getAttribute("data-block-id");
  const seen = sales.locator(`[data-block-id="${id}"]`);
  await expect(seen.getByLabel("Title")).toHaveValue("Metro-X pilot line");
  await expect(seen.getByLabel("Starts")).toHaveValue(quarterFromNow(1));
  await expect(seen.getByLabel("Ends")).toHaveValue(quarterFromNow(2));
  await expect(seen.getByLabel("Department")).toHaveValue("production");
  await expect(seen.getByLabel("Budget")).toHaveValue("120000");

  // A pause, so the budget change below is an undo step of its own.
  await lead.waitForTimeout(800);
  // At the same time: the lead retypes the budget while the sales member moves the status on.
  await Promise.all([
    (async () => {
      await card.getByLabel("Budget").press("Control+A");
      await lead.keyboard.type("150000", { delay: 20 });
    })(),
    (async () => {
      await seen.getByLabel("Status").focus();
      await sales.keyboard.press("ArrowDown");
    })(),
  ]);
  for (const block of [card, seen]) {
    await expect(block.getByLabel("Budget")).toHaveValue("150000");
    await expect(block.getByLabel("Status")).toHaveValue("in_progress");
  }
  await expect(lead.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
  await expect(sales.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");

  // The lead's undo takes back the lead's budget, never the other member's status.
  await lead.getByRole("button", { name: "Undo your last edit" }).click();
  for (const block of [card, seen]) {
    await expect(block.getByLabel("Budget")).toHaveValue("120000");
    await expect(block.getByLabel("Status")).toHaveValue("in_progress");
    await expect(block.getByLabel("Title")).toHaveValue("Metro-X pilot line");
  }

  // Stored: a fresh visit shows the merged fields.
  const reader = await personPage(browser, "production");
  await openDocument(reader, ACCOUNT, ROADMAP);
  const stored = reader.locator(`[data-block-id="${id}"]`);
  await expect(stored.getByLabel("Status")).toHaveValue("in_progress");
  await expect(stored.getByLabel("Budget")).toHaveValue("120000");
});
