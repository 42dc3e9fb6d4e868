import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { closePeople, loginAs, personPage } from "./fixtures";

test.afterEach(closePeople);

const ACCOUNT = "Northwind Rail Systems";
/** Seeded in prisma/demo-content.ts: a support initiative of 2026-Q1 and a support right. */
const TRAINING = { id: "nw-i02", title: /Gearbox maintenance training for depot technicians/ };
const ANSWER = { id: "nw-r2", right: "A written answer from an engineer within 4 business hours" };
/** The four standings of a right as a Chinese reader sees them (app/i18n/zh-CN/blocks.json). */
const STANDINGS_ZH = ["已兑现", "有风险", "已违背", "本季度未衡量"];

/** From the portfolio, opens the account; returns its path. */
async function openAccount(page: Page): Promise<string> {
  await page.goto("/accounts");
  await page.getByRole("link", { name: ACCOUNT }).click();
  await expect(page).toHaveURL(/\/accounts\/[^/]+$/);
  return new URL(page.url()).pathname;
}

async function screenshot(page: Page, name: string) {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  await page.screenshot({ path: `e2e/artifacts/${name}-${page.viewportSize()?.width}.png`, fullPage: true });
}

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "no sideways scrolling of the page").toBeLessThanOrEqual(innerWidth);
}

test("a Chinese reader reads the roadmap timeline and the rights scorecard in Chinese, and each links to its block", async ({
  browser,
}) => {
  const support = await personPage(browser, "support");
  await support.setViewportSize({ width: 1366, height: 900 });
  const accountPath = await openAccount(support);

  await support.goto(`${accountPath}/roadmap`);
  await expect(support.getByRole("heading", { level: 1 })).toHaveText("路线图时间轴");
  await expect(support.getByRole("search", { name: "筛选举措" }).getByLabel("状态")).toBeVisible();
  const timeline = support.getByRole("table", { name: "路线图时间轴" });
  await expect(timeline.getByRole("columnheader", { name: "部门" })).toBeVisible();
  await expect(timeline.getByRole("columnheader", { name: "2026-Q1" })).toBeVisible();
  // The grid on a wide screen; the phone's list is not there to be read twice.
  await expect(support.locator(".timeline-list")).toBeHidden();
  const lane = timeline.getByRole("row").filter({ has: support.getByRole("rowheader", { name: "客户支持部" }) });
  const training = lane.getByRole("link", { name: TRAINING.title });
  await expect(training).toContainText("已完成");
  await expect(training).toContainText("€28,000");
  await expect(timeline.getByRole("link").filter({ hasText: "进行中" }).first()).toBeVisible();
  await expect(timeline.getByText("内部目标").first()).toBeVisible();
  await expect(support.getByRole("heading", { name: "按部门和季度的预算" })).toBeVisible();
  await expect(support.getByRole("rowheader", { name: "合计" })).toBeVisible();
  await screenshot(support, "blocks-pages-timeline-zh");

  await training.click();
  await expect(support).toHaveURL(new RegExp(`/docs/[^/]+#block-${TRAINING.id}$`));
  await expect(support.locator(`[data-block-id="${TRAINING.id}"]`)).toBeInViewport();

  await support.goto(`${accountPath}/rights`);
  await expect(support.getByRole("heading", { level: 1 })).toHaveText("客户权利记分卡");
  const counts = support.locator(".scorecard-counts");
  for (const standing of STANDINGS_ZH) await expect(counts).toContainText(standing);
  const table = support.getByRole("table");
  for (const header of ["权利", "部门", "衡量指标", "兑现情况"]) {
    await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  }
  const row = table.getByRole("row").filter({ hasText: ANSWER.right });
  await expect(row.getByRole("cell").first()).toHaveText("客户支持部");
  await expect(row.locator(".right-status")).toHaveText(new RegExp(`^(${STANDINGS_ZH.join("|")})$`));
  await screenshot(support, "blocks-pages-scorecard-zh");

  await row.getByRole("link", { name: ANSWER.right }).click();
  await expect(support).toHaveURL(new RegExp(`/docs/[^/]+#block-${ANSWER.id}$`));
  await expect(support.locator(`[data-block-id="${ANSWER.id}"]`)).toBeInViewport();
});

test("on a phone the timeline is a list by quarter, the scorecard is cards, and neither scrolls sideways", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const errors: string[] = [];
  try {
    const phone = await context.newPage();
    phone.on("pageerror", (error) => errors.push(error.message));
    await loginAs(phone, "support");
    const accountPath = await openAccount(phone);

    await phone.goto(`${accountPath}/roadmap`);
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("路线图时间轴");
    // The list, not the grid: quarter headings, each initiative with its department and status.
    await expect(phone.locator(".timeline-list")).toBeVisible();
    await expect(phone.locator(".timeline-card")).toBeHidden();
    const q1 = phone.getByRole("region", { name: "2026-Q1" });
    await expect(q1.getByRole("heading", { level: 2, name: "2026-Q1" })).toBeVisible();
    await expect(q1).toContainText("预算 €");
    const training = q1.getByRole("link", { name: TRAINING.title });
    await expect(training).toBeVisible();
    await expect(training).toContainText("客户支持部");
    await expect(training).toContainText("已完成");
    await expect(training).toContainText("€28,000");
    await expect(phone.getByRole("link", { name: /Volume rebate and priority slots/ })).toContainText("持续至 2026-Q3");
    // Each initiative is reached once: the grid's copy is not in the accessibility tree.
    await expect(phone.getByRole("link", { name: TRAINING.title })).toHaveCount(1);
    // The budget per department and quarter, one card per department.
    await expect(phone.getByRole("heading", { name: "按部门和季度的预算" })).toBeVisible();
    await expect(phone.getByRole("rowheader", { name: "客户支持部" })).toBeVisible();
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, "blocks-pages-timeline-zh");

    // By keyboard: the link takes focus and Enter opens the block.
    await training.focus();
    await phone.keyboard.press("Enter");
    await expect(phone).toHaveURL(new RegExp(`/docs/[^/]+#block-${TRAINING.id}$`));
    await expect(phone.locator(`[data-block-id="${TRAINING.id}"]`)).toBeInViewport();
    await expectNoSidewaysScroll(phone);

    await phone.goto(`${accountPath}/rights`);
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("客户权利记分卡");
    await expect(phone.getByRole("link", { name: ANSWER.right })).toBeVisible();
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, "blocks-pages-scorecard-zh");
  } finally {
    await context.close();
  }
  expect(errors, "uncaught errors in the page").toEqual([]);
});
