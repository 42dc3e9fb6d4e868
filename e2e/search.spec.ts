import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { closePeople, personPage } from "./fixtures";

test.afterEach(closePeople);

/** Seeded in prisma/demo-content.ts: the Chinese account's bill of rights. */
const RIGHTS = "华东精密机械客户权利清单";

async function screenshot(page: Page, name: string) {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await page.screenshot({ path: `e2e/artifacts/${name}-${page.viewportSize()?.width}.png` });
}

test("Ctrl+K opens the palette, which finds a document by a Chinese phrase and opens it from the keyboard; Ctrl+F then finds a phrase in it", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  await lead.goto("/accounts");
  await lead.keyboard.press("Control+k");
  const box = lead.getByRole("combobox", { name: "Go to or search" });
  await expect(box).toBeFocused();
  await box.pressSequentially("权利清单", { delay: 30 });
  const option = lead.getByRole("option", { name: new RegExp(RIGHTS) });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await screenshot(lead, "palette");
  await lead.keyboard.press("Enter");
  await expect(lead).toHaveURL(/\/accounts\/[^/]+\/docs\/[^/]+$/);
  await expect(lead.getByRole("heading", { name: RIGHTS })).toBeVisible();
  await expect(lead.locator("[data-sync-state]")).toHaveAttribute("data-sync-state", "saved");

  // And in it, Ctrl+F finds a Chinese phrase.
  await lead.locator(".ProseMirror").focus();
  await lead.keyboard.press("Control+F");
  const find = lead.getByRole("search", { name: "Find in document" });
  await expect(find.getByLabel("Find", { exact: true })).toBeFocused();
  await lead.keyboard.type("通报结果");
  await expect(find.locator("[aria-live=polite]")).toHaveText(/^1 of \d+$/);
  await expect(lead.locator(".ProseMirror .find-match--current")).toHaveText("通报结果");
});

test("the search page groups what matched, with the phrase marked, and someone on another team finds none of it", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  await lead.goto(`/search?q=${encodeURIComponent("交期")}`);
  const documents = lead.getByRole("region", { name: "Documents" });
  await expect(documents.getByRole("link").first()).toBeVisible();
  await expect(documents.locator("mark").first()).toHaveText("交期");
  await screenshot(lead, "search");

  // On Northwind's team only: the Chinese account's text is not theirs to find.
  const production = await personPage(browser, "production");
  await production.goto(`/search?q=${encodeURIComponent("交期")}`);
  await expect(production.locator(".search-page__summary")).toHaveText("Nothing you can see matches “交期”.");
});
