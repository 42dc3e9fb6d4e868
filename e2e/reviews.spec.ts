import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { closePeople, personPage } from "./fixtures";

test.afterEach(closePeople);
// Two browsers through a whole meeting: longer than one edit.
test.setTimeout(180_000);

const ACCOUNT = "Northwind Rail Systems";

/** From the portfolio to the account's upcoming review (the demo schedules one). */
async function openUpcomingReview(page: Page): Promise<void> {
  await page.goto("/accounts");
  await page.getByRole("link", { name: ACCOUNT }).click();
  await expect(page.getByRole("heading", { name: ACCOUNT, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Reviews", exact: true }).click();
  await page
    .locator(".review-list li", { has: page.locator("[data-review-status=scheduled]") })
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { name: "Waiting room" })).toBeVisible();
}

const leadItem = (page: Page) => page.locator(".review-live");
const shownHeading = (page: Page) => page.locator("#item-heading");

test("the lead runs a review: a second member's screen follows the agenda, and the closed summary has its charts", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const sales = await personPage(browser, "sales");
  await openUpcomingReview(lead);
  await openUpcomingReview(sales);
  await expect(sales.locator(".review-here")).toContainText("2 here");

  await lead.getByRole("button", { name: "Start review" }).click();
  // Sales did nothing: their page turns live and shows the first item with the lead.
  await expect(shownHeading(sales)).toHaveText("Results against last quarter's goals");
  await expect(sales.getByText("Still open from the")).toBeVisible();

  await lead.getByRole("button", { name: /Next item/ }).click();
  await expect(shownHeading(lead)).toHaveText("KPI review");
  await lead.getByRole("button", { name: /Next item/ }).click();
  await expect(shownHeading(lead)).toHaveText("Roadmap progress");
  await expect(shownHeading(sales)).toHaveText("Roadmap progress");
  const current = await leadItem(lead).getAttribute("data-current-item");
  await expect(leadItem(sales)).toHaveAttribute("data-current-item", current ?? "");

  // Sales looks at another item on their own, then follows the lead again.
  await sales.getByRole("button", { name: /Customer feedback/ }).click();
  await expect(shownHeading(sales)).toHaveText("Customer feedback");
  await lead.getByRole("button", { name: /Next item/ }).click();
  await expect(shownHeading(lead)).toHaveText("Bill of rights compliance");
  await expect(shownHeading(sales)).toHaveText("Customer feedback");
  await expect(sales.getByText(/the lead is on “Bill of rights compliance”/)).toBeVisible();
  await sales.getByRole("button", { name: "Follow the lead" }).click();
  await expect(shownHeading(sales)).toHaveText("Bill of rights compliance");

  // A decision recorded by the lead appears on the member's screen.
  await lead.getByLabel("Record a decision").fill("Quarterly on-site audit of P1 response times");
  await lead.getByRole("button", { name: "Record decision" }).click();
  await expect(sales.getByText("Quarterly on-site audit of P1 response times")).toBeVisible();

  await sales.locator(".review-minutes .ProseMirror").click();
  await sales.keyboard.press("Control+End");
  await sales.keyboard.type("Customer asked for a monthly P1 report.", { delay: 10 });
  await expect(lead.locator(".review-minutes .ProseMirror")).toContainText("Customer asked for a monthly P1 report.");
  await expect(sales.locator(".review-minutes [data-sync-state]")).toHaveAttribute("data-sync-state", "saved");

  lead.once("dialog", (dialog) => void dialog.accept());
  await lead.getByRole("button", { name: "Close review" }).click();
  for (const page of [lead, sales]) {
    await expect(page.locator("h1 [data-review-status]")).toHaveAttribute("data-review-status", "closed");
  }
  const summary = lead.locator(".review-summary");
  await expect(summary.getByText("Quarterly on-site audit of P1 response times")).toBeVisible();
  await expect(summary.getByText("Customer asked for a monthly P1 report.")).toBeVisible();
  await expect(summary.locator(".kpi-charts svg").first()).toBeVisible();
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await lead.screenshot({ path: "e2e/artifacts/review-summary.png", fullPage: true });
});
