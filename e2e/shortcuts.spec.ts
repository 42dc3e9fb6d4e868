import { expect, test, type Locator, type Page } from "@playwright/test";
import { closePeople, openDocument, personPage, typeAtEnd } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
const ROADMAP = "Northwind customer roadmap 2026";

const helpDialog = (page: Page) => page.getByRole("dialog", { name: "Keyboard shortcuts" });

/** Puts a fresh line at the end of the document and selects it. */
async function freshLine(page: Page, text: string): Promise<Locator> {
  await typeAtEnd(page, text);
  await page.keyboard.press("Shift+Home");
  // The editor takes in a selection made with keys on the browser's selectionchange event,
  // a task later; a shortcut pressed before then (no person is that fast) meets the caret.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return page.locator(".ProseMirror").getByText(text, { exact: true });
}

/**
 * What each listed shortcut does, checked in the document. The test fails when
 * the dialog lists a shortcut missing here (or the other way round), so the
 * dialog cannot promise a key nobody has pressed.
 */
type Check = (page: Page) => Promise<void>;

const mark = (tag: string, keys: string): Check => {
  return async (page) => {
    const text = `Mark ${tag} ${Date.now()}`;
    await freshLine(page, text);
    await page.keyboard.press(keys);
    await expect(page.locator(`.ProseMirror ${tag}`, { hasText: text })).toHaveText(text);
    await page.keyboard.press(keys);
    await expect(page.locator(`.ProseMirror ${tag}`, { hasText: text })).toHaveCount(0);
  };
};

const block = (selector: string, keys: string): Check => {
  return async (page) => {
    const text = `Block ${selector} ${Date.now()}`;
    await freshLine(page, text);
    await page.keyboard.press(keys);
    await expect(page.locator(`.ProseMirror ${selector}`, { hasText: text })).toHaveCount(1);
    // And back: the next check starts from a paragraph, not from inside this block.
    await page.keyboard.press(keys);
    await expect(page.locator(`.ProseMirror ${selector}`, { hasText: text })).toHaveCount(0);
  };
};

const CHECKS: Record<string, Check> = {
  help: async (page) => {
    // In the text, `?` is a question mark.
    const text = `Is this typed ${Date.now()}`;
    await typeAtEnd(page, text);
    await page.keyboard.type("?");
    await expect(page.locator(".ProseMirror")).toContainText(`${text}?`);
    await expect(helpDialog(page)).toBeHidden();
  },
  palette: async (page) => {
    await page.keyboard.press("Control+k");
    await expect(page.getByRole("combobox", { name: "Go to or search" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("combobox", { name: "Go to or search" })).toBeHidden();
  },
  close: async (page) => {
    await page.getByRole("button", { name: "Notifications" }).click();
    await expect(page.getByRole("button", { name: "Notifications" })).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Notifications" })).toHaveAttribute("aria-expanded", "false");
  },
  bold: mark("strong", "Control+b"),
  italic: mark("em", "Control+i"),
  underline: mark("u", "Control+u"),
  strike: mark("s", "Control+Shift+s"),
  code: mark("code", "Control+e"),
  undo: async (page) => {
    const text = `Undo me ${Date.now()}`;
    await typeAtEnd(page, text);
    await page.waitForTimeout(600); // Yjs groups edits typed within 500 ms into one undo step.
    await page.keyboard.press("Control+z");
    await expect(page.locator(".ProseMirror")).not.toContainText(text);
  },
  redo: async (page) => {
    const text = `Redo me ${Date.now()}`;
    await typeAtEnd(page, text);
    await page.waitForTimeout(600);
    await page.keyboard.press("Control+z");
    await expect(page.locator(".ProseMirror")).not.toContainText(text);
    await page.keyboard.press("Control+Shift+z");
    await expect(page.locator(".ProseMirror")).toContainText(text);
    await page.keyboard.press("Control+z");
    await expect(page.locator(".ProseMirror")).not.toContainText(text);
    await page.keyboard.press("Control+y");
    await expect(page.locator(".ProseMirror")).toContainText(text);
  },
  h1: block("h1", "Control+Alt+1"),
  h2: block("h2", "Control+Alt+2"),
  h3: block("h3", "Control+Alt+3"),
  paragraph: async (page) => {
    const text = `Back to text ${Date.now()}`;
    await freshLine(page, text);
    await page.keyboard.press("Control+Alt+2");
    await expect(page.locator(".ProseMirror h2", { hasText: text })).toHaveCount(1);
    await page.keyboard.press("Control+Alt+0");
    await expect(page.locator(".ProseMirror h2", { hasText: text })).toHaveCount(0);
    await expect(page.locator(".ProseMirror > p", { hasText: text })).toHaveCount(1);
  },
  bulletList: block("ul:not([data-type]) > li", "Control+Shift+8"),
  orderedList: block("ol > li", "Control+Shift+7"),
  taskList: block('ul[data-type="taskList"] > li', "Control+Shift+9"),
  quote: block("blockquote", "Control+Shift+b"),
  insertBlock: async (page) => {
    await typeAtEnd(page, "/");
    const menu = page.getByRole("listbox", { name: "Insert" });
    await expect(menu).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await page.keyboard.press("Backspace");
  },
  find: async (page) => {
    const word = `needle${Date.now()}`;
    await typeAtEnd(page, `${word} and ${word}`);
    await page.keyboard.press("Control+f");
    const bar = page.getByRole("search", { name: "Find in document" });
    await expect(bar.getByLabel("Find", { exact: true })).toBeFocused();
    await page.keyboard.type(word);
    await expect(bar.locator("[aria-live=polite]")).toHaveText("1 of 2");
  },
  findNext: async (page) => {
    const bar = page.getByRole("search", { name: "Find in document" });
    await page.keyboard.press("Enter");
    await expect(bar.locator("[aria-live=polite]")).toHaveText("2 of 2");
  },
  findPrevious: async (page) => {
    const bar = page.getByRole("search", { name: "Find in document" });
    await page.keyboard.press("Shift+Enter");
    await expect(bar.locator("[aria-live=polite]")).toHaveText("1 of 2");
    await page.keyboard.press("Escape");
    await expect(bar).toHaveCount(0);
    await expect(page.locator(".ProseMirror")).toBeFocused();
  },
  comment: async (page) => {
    await freshLine(page, `Comment on me ${Date.now()}`);
    await page.keyboard.press("Control+Alt+m");
    await expect(page.getByRole("combobox", { name: "New comment" })).toBeFocused();
  },
  cancel: async (page) => {
    const box = page.getByRole("combobox", { name: "New comment" });
    await box.press("Escape");
    await expect(box).toHaveCount(0);
    await expect(page.locator(".ProseMirror")).toBeFocused();
  },
  send: async (page) => {
    const text = `Send me ${Date.now()}`;
    await freshLine(page, text);
    await page.keyboard.press("Control+Alt+m");
    const box = page.getByRole("combobox", { name: "New comment" });
    await box.pressSequentially("Sent with Ctrl+Enter");
    await box.press("Control+Enter");
    await expect(page.getByRole("article", { name: `Comment thread on “${text}”` })).toContainText(
      "Sent with Ctrl+Enter",
    );
  },
};

/**
 * Checks that share state run in this order (find's three steps, the comment's); sending
 * opens the new thread, which moves the selection to its text, so it goes last.
 */
const FIRST = ["help", "palette", "close", "find", "findNext", "findPrevious", "comment", "cancel"];
const LAST = ["send"];

test("? lists every shortcut, and each listed shortcut does what it says", async ({ browser }) => {
  test.setTimeout(180_000);
  const lead = await personPage(browser, "lead");

  // From the portfolio: `?` opens the list, focus moves in, Escape closes it and focus returns.
  const myActions = lead.getByRole("link", { name: "My action items" });
  await myActions.focus();
  await lead.keyboard.press("?");
  const dialog = helpDialog(lead);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  // Chromium on Linux: Ctrl, not ⌘.
  await expect(dialog.locator('[data-shortcut="palette"] td')).toHaveText("Ctrl+K");
  await expect(dialog.locator('[data-shortcut="comment"] td')).toHaveText("Ctrl+Alt+M");
  const listed = await dialog
    .locator("[data-shortcut]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-shortcut") ?? ""));
  expect([...listed].sort()).toEqual(Object.keys(CHECKS).sort());
  await lead.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(myActions).toBeFocused();

  // Also from the header button and from the palette.
  await lead.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(dialog).toBeVisible();
  await lead.keyboard.press("Escape");
  await lead.keyboard.press("Control+k");
  await lead.keyboard.type("Keyboard");
  await lead.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await lead.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await openDocument(lead, ACCOUNT, ROADMAP);
  const ids = [...FIRST, ...listed.filter((id) => !FIRST.includes(id) && !LAST.includes(id)), ...LAST];
  for (const id of ids) {
    await test.step(id, () => CHECKS[id](lead));
  }
});
