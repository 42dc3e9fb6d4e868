import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { caretAtEnd, closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

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

  // The roadmap timeline reads the merged initiative (indexed a moment after the edits rest) in production's lane.
  const accountPath = new URL(reader.url()).pathname.replace(/\/docs\/.*$/, "");
  const lane = reader.getByRole("row").filter({ has: reader.getByRole("rowheader", { name: "Production" }) });
  await expect(async () => {
    await reader.goto(`${accountPath}/roadmap`);
    await expect(lane.getByRole("link", { name: /Metro-X pilot line/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const item = lane.getByRole("link", { name: /Metro-X pilot line/ });
  await expect(item).toContainText("In progress");
  await expect(item).toContainText("120,000");
  await screenshotAtWidths(reader, "blocks-timeline");
  await reader.goto(`${accountPath}/rights`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Rights scorecard");
  await screenshotAtWidths(reader, "blocks-scorecard");
  // From the timeline back to the block in the document.
  await reader.goto(`${accountPath}/roadmap`);
  await lane.getByRole("link", { name: /Metro-X pilot line/ }).click();
  await expect(reader).toHaveURL(new RegExp(`#block-${id}$`));
  await expect(reader.locator(`[data-block-id="${id}"]`)).toBeInViewport();
});

test("the slash menu inserts a block, Tab walks from its fields into its text, and someone else's typing leaves the caret alone", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openDocument(lead, ACCOUNT, ROADMAP);
  await openDocument(sales, ACCOUNT, ROADMAP);

  await typeAtEnd(lead, "Next:");
  await lead.keyboard.press("Enter");
  await lead.keyboard.type("/init");
  const menu = lead.getByRole("listbox", { name: "Insert" });
  await expect(menu.getByRole("option")).toHaveText(["Initiative"]);
  await expect(menu.getByRole("option", { name: "Initiative" })).toHaveAttribute("aria-selected", "true");
  await lead.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  const title = lead.getByRole("textbox", { name: "Title" }).and(lead.locator(":focus"));
  await expect(title).toBeFocused();
  const id = await lead.locator(".block-card--initiative:focus-within").getAttribute("data-block-id");
  const card = lead.locator(`[data-block-id="${id}"]`);
  // The "/init" typed to find it is gone from the text.
  await expect(lead.locator(".prose")).not.toContainText("/init");
  await lead.keyboard.type("Depot pilot", { delay: 10 });

  // From the title through every field (the last is the goal), then into the free text.
  const fields = card.locator(".block-card__controls").locator("input, select, textarea");
  const count = await fields.count();
  for (let i = 1; i < count; i++) await lead.keyboard.press("Tab");
  await expect(card.getByLabel("Goal")).toBeFocused();
  const goal = await card.getByLabel("Goal").inputValue();
  // Typed at once after Tab, as a person does: every key reaches the text, none the field left.
  await lead.keyboard.press("Tab");
  await lead.keyboard.type("Two depots first.", { delay: 10 });
  await expect(card.locator(".block-card__text")).toHaveText("Two depots first.");
  await expect(card.getByLabel("Goal")).toHaveValue(goal);
  await lead.keyboard.press("Home");
  await lead.keyboard.press("Shift+Tab");
  await expect(card.getByLabel("Goal")).toBeFocused();

  // The lead's caret sits after "Depot"; the sales member types at the start of the same title.
  const leadTitle = card.getByLabel("Title");
  await leadTitle.focus();
  await leadTitle.evaluate((input: HTMLInputElement) => input.setSelectionRange(5, 5));
  const salesTitle = sales.locator(`[data-block-id="${id}"]`).getByLabel("Title");
  await expect(salesTitle).toHaveValue("Depot pilot");
  await salesTitle.focus();
  await salesTitle.evaluate((input: HTMLInputElement) => input.setSelectionRange(0, 0));
  await sales.keyboard.type("North ", { delay: 10 });
  await expect(leadTitle).toHaveValue("North Depot pilot");
  expect(await leadTitle.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(11);
  await lead.keyboard.type("s", { delay: 10 });
  await expect(salesTitle).toHaveValue("North Depots pilot");

  // Typed through an input method: the pinyin being composed stays with the lead, the character is shared.
  await leadTitle.press("End");
  const ime = await lead.context().newCDPSession(lead);
  await ime.send("Input.imeSetComposition", { text: " zhong", selectionStart: 6, selectionEnd: 6 });
  await expect(leadTitle).toHaveValue("North Depots pilot zhong");
  await lead.waitForTimeout(500);
  await expect(salesTitle).toHaveValue("North Depots pilot");
  await ime.send("Input.insertText", { text: " 中" });
  await expect(salesTitle).toHaveValue("North Depots pilot 中");

  // A query nothing matches says so; Escape closes the menu and leaves the text as typed.
  await typeAtEnd(lead, " /zzz");
  await expect(lead.getByRole("status").filter({ hasText: "Nothing to insert matches “zzz”" })).toBeVisible();
  await lead.keyboard.press("Escape");
  await expect(lead.locator(".slash-menu")).toHaveCount(0);
  await expect(lead.locator(".prose")).toContainText("/zzz");
});

async function screenshotAtWidths(page: Page, name: string) {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `e2e/artifacts/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("rights, internal sections, pasted blocks and links to a block", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  await openDocument(lead, ACCOUNT, ROADMAP);
  const docUrl = lead.url();

  // A right measured by on-time delivery, judged live by the account's latest value.
  await typeAtEnd(lead, "What Northwind can count on:");
  await lead.getByRole("button", { name: "Customer right", exact: true }).click();
  const situation = lead.getByRole("textbox", { name: "Situation" }).last();
  await expect(situation).toBeFocused();
  await lead.keyboard.type("When a line stops for a missing part", { delay: 5 });
  await lead.keyboard.press("Tab");
  await lead.keyboard.type("a replacement ships the same day", { delay: 5 });
  const right = lead.locator(".block-card--right:focus-within");
  const rightId = await right.getAttribute("data-block-id");
  const rightCard = lead.locator(`[data-block-id="${rightId}"]`);
  await expect(rightCard.locator("[data-right-status]")).toHaveAttribute("data-right-status", "not_measured");
  await rightCard.getByLabel("Measured by").selectOption("on_time_delivery");
  await rightCard.getByLabel("Threshold").fill("90");
  await expect(rightCard.locator("[data-right-status]")).toHaveAttribute("data-right-status", /kept|at_risk|broken/);

  // An internal note: wrapped into an internal section, lifted out, wrapped again.
  await typeAtEnd(lead, "Internal: margin floor for the pilot is 18 %.");
  const internalButton = lead.getByRole("button", { name: "Internal section" });
  await internalButton.click();
  const internal = lead.locator(".block-internal", { hasText: "margin floor" });
  await expect(internal).toContainText("Internal — not published to the customer");
  await expect(internalButton).toHaveAttribute("aria-pressed", "true");
  await internalButton.click();
  await expect(internal).toHaveCount(0);
  await internalButton.click();
  await expect(internal).toHaveCount(1);

  // An initiative inside the internal section, then pasted twice as HTML (what copying it
  // carries): both copies keep its fields, each gets an id of its own, the original keeps its.
  const card = await insertInitiative(lead);
  await lead.keyboard.type("Depot spare-parts stock", { delay: 5 });
  await card.getByLabel("Budget").fill("80000");
  await card.getByLabel("Currency").selectOption("EUR");
  const id = await card.getAttribute("data-block-id");
  await expect(internal.locator(`[data-block-id="${id}"]`)).toHaveCount(1);
  const html = await lead.evaluate(
    (blockId) =>
      `<section data-type="initiative" data-block-id="${blockId}" data-title="Depot spare-parts stock" ` +
      `data-start-quarter="2026-Q2" data-end-quarter="2026-Q4" data-department="logistics" data-budget="80000" ` +
      `data-currency="EUR" data-status="in_progress" data-goal="internal"><p>Two depots, one week of parts.</p></section>`,
    id,
  );
  for (let i = 0; i < 2; i++) {
    await caretAtEnd(lead);
    await lead.locator(".ProseMirror").evaluate((editor, content) => {
      const data = new DataTransfer();
      data.setData("text/html", content);
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
  }
  const copies = lead.locator(".block-card--initiative", { hasText: "Two depots, one week of parts." });
  await expect(copies).toHaveCount(2);
  const ids = await lead
    .locator(".block-card--initiative[data-block-id]")
    .evaluateAll((cards) => cards.map((c) => c.getAttribute("data-block-id")));
  expect(new Set(ids).size, "every initiative has its own id").toBe(ids.length);
  await expect(card.getByLabel("Budget")).toHaveValue("80000");
  for (const copy of await copies.all()) {
    await expect(copy.getByLabel("Title")).toHaveValue("Depot spare-parts stock");
    await expect(copy.getByLabel("Ends")).toHaveValue("2026-Q4");
    await expect(copy.getByLabel("Department")).toHaveValue("logistics");
    await expect(copy.getByLabel("Currency")).toHaveValue("EUR");
    await expect(copy.getByLabel("Status")).toHaveValue("in_progress");
    await expect(copy.getByLabel("Goal")).toHaveValue("internal");
  }
  await expect(lead.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");

  fs.mkdirSync("e2e/artifacts", { recursive: true });
  for (const width of [1366, 390]) {
    await lead.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    // The right at the top, just below the sticky toolbar.
    await rightCard.evaluate((el) => {
      el.scrollIntoView({ block: "start" });
      window.scrollBy(0, -((document.querySelector(".editor__bar")?.getBoundingClientRect().bottom ?? 0) + 12));
    });
    await lead.screenshot({ path: `e2e/artifacts/blocks-document-${width}.png` });
    expect(
      await lead.evaluate(() => document.documentElement.scrollWidth),
      "no sideways scrolling",
    ).toBeLessThanOrEqual(width);
  }

  // A link to a block (the timeline's): an editor lands in its first field.
  await lead.setViewportSize({ width: 1280, height: 900 });
  await lead.goto(`${docUrl}#block-${id}`);
  await expect(card.getByLabel("Title")).toBeFocused();
  await expect(card).toBeInViewport();

  // A reader lands on the card itself, and reads text where editors have controls.
  const viewer = await personPage(browser, "viewer");
  await viewer.goto(`${docUrl}#block-${rightId}`);
  const read = viewer.locator(`[data-block-id="${rightId}"]`);
  await expect(read).toBeFocused();
  await expect(read).toBeInViewport();
  await expect(read).toContainText("a replacement ships the same day");
  await expect(read).toContainText("On-time delivery ≥ 90%");
  await expect(viewer.locator(".block-card select, .block-card input, .block-card textarea")).toHaveCount(0);
  await expect(viewer.locator(`[data-block-id="${id}"]`)).toContainText("Depot spare-parts stock");
});
