import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "keyroom-demo";

/** Signs in through the login form, as a person would. */
export async function loginAs(page: Page, handle: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/email|邮箱/i).fill(`${handle}@demo.keyroom`);
  await page.getByLabel(/password|密码/i).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /sign in|登录/i }).click();
  await expect(page).toHaveURL(/\/accounts$/);
}

const open = new Set<BrowserContext>();
/** Uncaught exceptions in any person's page: a test that passes with one is still a failure. */
const pageErrors: string[] = [];

/** Closes every person's browser context, so nobody stays "online" into the next test. */
export async function closePeople(): Promise<void> {
  await Promise.all([...open].map((context) => context.close()));
  open.clear();
  const errors = pageErrors.splice(0);
  expect(errors, "uncaught errors in the pages").toEqual([]);
}

/** A signed-in page in its own browser context (its own cookies: a different person). */
export async function personPage(browser: Browser, handle: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  open.add(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`${handle}: ${error.message}`));
  await loginAs(page, handle);
  return page;
}

/** From the portfolio, opens an account and one of its documents by title. */
export async function openDocument(page: Page, account: string, title: string): Promise<void> {
  await page.goto("/accounts");
  await page.getByRole("link", { name: account }).click();
  await page
    .locator(".doc-list")
    .getByRole("link", { name: new RegExp(title) })
    .click();
  await expect(page.locator(".ProseMirror")).toBeVisible();
  await expect(page.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");
}

/**
 * Puts the caret at the very end of the document, as a person would: Ctrl+End when the
 * editor has focus, else first a click in its last paragraph of text. Not a click in the
 * editor's middle: on a roadmap that is an initiative card, and the click would land in
 * one of its fields.
 */
export async function caretAtEnd(page: Page): Promise<void> {
  const editor = page.locator(".ProseMirror").first();
  // The text itself has focus, not a field of a card in it.
  const focused = await editor.evaluate((element) => element === document.activeElement);
  if (!focused) {
    await editor.locator(":scope > p").last().click();
    // ProseMirror settles a click's selection asynchronously (selectionchange events, a 20 ms
    // timer after focus). A Ctrl+End pressed as soon as the click returned was once undone in CI, and
    // the text went where the click landed, mid-paragraph. A person is never that quick.
    await page.waitForTimeout(100);
  }
  await page.keyboard.press("Control+End");
}

/** Puts the caret at the very end of the document and types a new paragraph. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await caretAtEnd(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 15 });
}
