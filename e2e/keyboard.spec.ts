import { expect, test, type Page } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

interface Stop {
  name: string;
  visible: boolean;
}

/**
 * Presses Tab from the top of the page, as a keyboard user does, and records
 * each stop's accessible-ish name and whether its focus is drawn (an outline
 * or a box-shadow ring), until `done` has seen what it needs or `max` stops.
 */
async function tabThrough(page: Page, max: number, done: (stops: Stop[]) => boolean): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < max && !done(stops); i++) {
    await page.keyboard.press("Tab");
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const ring =
          (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
        // Roughly the accessible name: the label, else the text a screen reader reads (not aria-hidden glyphs).
        const visible = el.cloneNode(true) as HTMLElement;
        visible.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
        const name = (el.getAttribute("aria-label") ?? visible.textContent ?? "").trim().replace(/\s+/g, " ");
        return { name: `${el.tagName.toLowerCase()}:${name.slice(0, 60)}`, visible: ring };
      }),
    );
  }
  return stops;
}

const reached = (stops: Stop[], pattern: RegExp) => stops.some((stop) => pattern.test(stop.name));

test("Tab reaches the portfolio's main actions, each with a visible focus ring", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  await lead.goto("/accounts");
  const wanted = [
    /^a:Skip to content/,
    /^a:Portfolio/,
    /^a:My action items/,
    /^button:Keyboard shortcuts/,
    /^a:Northwind Rail Systems/,
  ];
  const stops = await tabThrough(lead, 60, (so) => wanted.every((pattern) => reached(so, pattern)));
  for (const pattern of wanted)
    expect(reached(stops, pattern), `${pattern} in ${stops.map((s) => s.name).join(" | ")}`).toBe(true);
  expect(stops.filter((stop) => !stop.visible).map((stop) => stop.name)).toEqual([]);
  // Enter on the focused account opens it.
  await lead.keyboard.press("Enter");
  await expect(lead.getByRole("heading", { name: ACCOUNT, level: 1 })).toBeVisible();
});

test("Tab reaches the document's toolbar and text, each with a visible focus ring", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  await openDocument(lead, ACCOUNT, ROADMAP);
  // From the top of a freshly loaded page, as someone arriving by keyboard.
  await lead.reload();
  await expect(lead.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
  const wanted = [/^button:Heading 1/, /^button:Bold/, /^button:Find in document/, /^div:/];
  const stops = await tabThrough(lead, 80, (so) => reached(so, /^div:/));
  for (const pattern of wanted)
    expect(reached(stops, pattern), `${pattern} in ${stops.map((s) => s.name).join(" | ")}`).toBe(true);
  expect(stops.filter((stop) => !stop.visible).map((stop) => stop.name)).toEqual([]);
  // The last stop is the text: typing goes in.
  await expect(lead.locator(".ProseMirror")).toBeFocused();
  // A button's hint and shortcut show on keyboard focus, not only to the mouse.
  const bold = lead.getByRole("button", { name: "Bold" });
  await bold.focus();
  const hint = await bold.evaluate((element) => getComputedStyle(element, "::after").content);
  expect(hint).toBe('"Bold (Ctrl+B)"');
});

test("other people's carets are hidden from screen readers, and joins are announced as text", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  const production = await personPage(browser, "production");
  await openDocument(lead, ACCOUNT, ROADMAP);
  // Who is there in the page's first moments is the starting list, not news.
  await lead.waitForTimeout(2500);
  await openDocument(production, ACCOUNT, ROADMAP);

  await expect(lead.getByRole("list", { name: "Editing now" })).toContainText("Li Wei");
  await expect(lead.getByTestId("presence-announcer")).toHaveText("Li Wei joined.");
  await typeAtEnd(production, "Li Wei is here.");
  const caret = lead.locator(".collaboration-carets__caret", { hasText: "Li Wei" });
  await expect(caret).toHaveAttribute("aria-hidden", "true");

  await production.context().close();
  await expect(lead.getByTestId("presence-announcer")).toHaveText("Li Wei left.");
});

test("a refused form puts focus on its first invalid field, which names its error", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  await lead.getByRole("link", { name: ACCOUNT }).click();
  await expect(lead).toHaveURL(/\/accounts\/[^/]+$/);
  await lead.goto(`${new URL(lead.url()).pathname}/actions`);
  const form = lead.locator("form.action-form").filter({ has: lead.locator("#new-action-title") });
  const title = form.getByRole("textbox", { name: "What needs to happen" });
  // Spaces pass the browser's "required" but not the server.
  await title.fill("   ");
  await form.getByRole("button", { name: "Add action item" }).click();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toBeFocused();
  await expect(title).toHaveAccessibleDescription(/.+/);
});
