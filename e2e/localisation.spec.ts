import { expect, test, type ConsoleMessage } from "@playwright/test";
import { closePeople, loginAs } from "./fixtures";

const ACCOUNT = "Northwind Rail Systems";

test.afterEach(closePeople);

test("the lead sets the account's currency and the KPI page shows revenue in it; times hydrate cleanly in another zone", async ({
  browser,
}) => {
  // A browser far from the server's zone: moments must render the same on both sides (ADR 023).
  const context = await browser.newContext({ timezoneId: "Pacific/Auckland", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const hydration: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/hydrat|did not match|React error #(418|423|425)/i.test(message.text())) hydration.push(message.text());
  });
  page.on("pageerror", (error) => hydration.push(error.message));
  await loginAs(page, "lead");
  await page.getByRole("link", { name: ACCOUNT }).click();

  // The activity feed's moments carry the full date and time for hovering.
  await expect(page.locator(".feed time[title]").first()).toBeVisible();

  const currency = page.getByLabel("Currency (ISO 4217 code)");
  await expect(currency).toHaveValue("CNY");
  await currency.fill("XYZ");
  await page.getByRole("button", { name: "Save currency" }).click();
  await expect(page.getByRole("alert")).toContainText("ISO 4217");
  await expect(currency).toHaveAttribute("aria-invalid", "true");
  await currency.fill("usd");
  await page.getByRole("button", { name: "Save currency" }).click();
  await expect(page.getByRole("status").filter({ hasText: "USD" })).toBeVisible();

  await page.goto(page.url() + "/kpis");
  await expect(page.locator(".kpi-charts")).toContainText("$");
  expect(hydration).toEqual([]);
  await context.close();
});
