import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { closePeople, personPage } from "./fixtures";

test.afterEach(closePeople);
// Four people, a round from opening to action item: longer than one edit.
test.setTimeout(180_000);

const ACCOUNT = "Northwind Rail Systems";

/** The seven elements as the page names them, in the model's order. */
const ELEMENTS = [
  "Leadership",
  "Strategic planning",
  "People & organisation",
  "Resource allocation",
  "Information & technology",
  "Customer-management operations",
  "Outcomes",
] as const;

/** The lead's target profile, one level per element. */
const TARGETS = [4, 4, 4, 4, 4, 5, 4];

/**
 * Three members' sheets. Information & technology ends furthest below its
 * target (mean 2.3 against 4), so it heads the gap list.
 */
const SHEETS = {
  sales: [4, 4, 3, 3, 2, 4, 4],
  production: [4, 3, 3, 2, 2, 4, 4],
  logistics: [4, 4, 4, 3, 3, 4, 3],
} as const;

/** Where each member's evidence comes from: the page shows evidence without names, so neither does the text. */
const SOURCES: Record<keyof typeof SHEETS, string> = {
  sales: "the renewal meetings",
  production: "the monthly quality call",
  logistics: "the carrier reports",
};

const WIDTHS = [1366, 390] as const;

/** From the portfolio to the account's own page; answers its path (`/accounts/:id`). */
async function openAccount(page: Page): Promise<string> {
  await page.goto("/accounts");
  await page.getByRole("link", { name: ACCOUNT }).first().click();
  await expect(page).toHaveURL(/\/accounts\/[^/?]+$/);
  return new URL(page.url()).pathname;
}

const radarOf = (page: Page) => page.getByRole("img", { name: /Radar chart of the team's mean level per element/ });

const progress = (page: Page) => page.locator(".round-progress [aria-live]");

/** Picks a level and writes evidence for every element, then saves, as a member would. */
async function scoreEveryElement(page: Page, levels: readonly number[], source: string): Promise<void> {
  const form = page.locator(".assessment-score-form");
  for (const [index, element] of ELEMENTS.entries()) {
    const group = form.getByRole("group", { name: element, exact: true });
    await group.getByRole("radio", { name: new RegExp(`^Level ${levels[index]} ·`) }).check();
    await group.getByRole("textbox").fill(`${element}: seen in ${source} this quarter.`);
  }
  await form.getByRole("button", { name: "Save my scores" }).click();
  await expect(form.getByRole("status")).toHaveText("Your scores are saved.");
}

async function setTargets(page: Page): Promise<void> {
  const form = page.locator(".assessment-targets-form");
  for (const [index, element] of ELEMENTS.entries()) {
    await form.getByRole("combobox", { name: element, exact: true }).selectOption(String(TARGETS[index]));
  }
  await form.getByRole("button", { name: "Save targets" }).click();
  await expect(form.getByRole("status")).toHaveText("Targets saved.");
}

/** How far the page's main content reaches past the window's right edge (≤ 0: it fits). */
const mainOverflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector("main");
    if (!main) return Number.POSITIVE_INFINITY;
    const box = main.getBoundingClientRect();
    return Math.max(box.left + main.scrollWidth, box.right) - window.innerWidth;
  });

/** Full-page shots at the desktop and the phone width, from the top; answers the main content's overflow at each. */
async function screenshotAtWidths(page: Page, name: string): Promise<Record<number, number>> {
  fs.mkdirSync("e2e/artifacts", { recursive: true });
  const overflow: Record<number, number> = {};
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // From the top, so the sticky header is not drawn over the middle of the shot.
    await page.evaluate(() => window.scrollTo(0, 0));
    // Recharts' ResponsiveContainer measures after a resize: let it settle before the shot.
    await page.waitForTimeout(300);
    await page.screenshot({ path: `e2e/artifacts/${name}-${width}.png`, fullPage: true });
    overflow[width] = Math.max(0, await mainOverflow(page));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return overflow;
}

test("three members score alone, the lead watches the count rise live, reveals, and turns the widest gap into an action item", async ({
  browser,
}) => {
  const lead = await personPage(browser, "lead");
  const accountPath = await openAccount(lead);
  const assessment = `${accountPath}/assessment`;

  // The demo's last round is revealed, with its radar; the lead opens this quarter's.
  await lead.goto(assessment);
  await expect(lead.locator("#assessment-round-heading")).toContainText("revealed");
  await expect(radarOf(lead).locator(".recharts-wrapper > svg")).toBeVisible();
  await lead.getByRole("button", { name: "Open round" }).click();
  await expect(lead.locator("#assessment-round-heading")).toContainText("open for scoring");
  const quarter = (await lead.locator("#assessment-round-heading").textContent())?.split(" ")[0] ?? "";
  expect(quarter).toMatch(/^\d{4}-Q[1-4]$/);
  await setTargets(lead);
  await expect(progress(lead)).toContainText("0 of 5");

  const members = await Promise.all(
    Object.keys(SHEETS).map(async (handle) => {
      const page = await personPage(browser, handle);
      await page.goto(assessment);
      await expect(page.locator("#assessment-round-heading")).toContainText(`${quarter} · open for scoring`);
      return { handle: handle as keyof typeof SHEETS, page };
    }),
  );

  // Each save moves the lead's count without a reload; nobody sees anyone's scores yet.
  for (const [index, { handle, page }] of members.entries()) {
    await scoreEveryElement(page, SHEETS[handle], SOURCES[handle]);
    await expect(progress(lead)).toContainText(`${index + 1} of 5`);
  }
  await expect(lead.locator(".round-scorers li.round-scorer--done")).toHaveCount(3);
  for (const { page } of members) {
    await expect(progress(page)).toContainText("3 of 5");
    await expect(page.locator(".assessment-radar")).toHaveCount(0);
  }

  await lead.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(lead.locator("#assessment-round-heading")).toHaveText(`${quarter} · revealed`);
  // The members' pages turn to the result too, with everyone's evidence and nobody's name.
  for (const { page } of members) {
    await expect(page.locator("#assessment-round-heading")).toHaveText(`${quarter} · revealed`);
    await expect(radarOf(page)).toBeVisible();
    await expect(page.locator(".assessment-evidence")).toContainText(
      "Outcomes: seen in the carrier reports this quarter.",
    );
    await expect(page.locator(".assessment-evidence")).not.toContainText(/Daniel|Li Wei|Sofia/);
  }

  // The radar: the team, the target and the demo's previous round, with its text alternative.
  const radar = radarOf(lead);
  await expect(radar.locator(".recharts-wrapper > svg")).toBeVisible();
  await expect(radar.locator(".recharts-radar-polygon")).toHaveCount(3);
  await expect(radar).toContainText(/Previous \(\d{4}-Q[1-4]\)/);
  const itRow = lead.locator(".assessment-table tbody tr", { hasText: "Information & technology" });
  await expect(itRow.locator("td").first()).toHaveText("2.3");
  await expect(itRow.locator("td").nth(1)).toHaveText("2–3");

  const widest = lead.locator(".assessment-gaps li").first();
  await expect(widest).toContainText("Information & technology: 2.3 against a target of 4 (gap 1.7)");
  await widest.getByRole("button", { name: "Create action item" }).click();
  await expect(widest.getByRole("status")).toHaveText("Action item created.");

  const assessmentOverflow = await screenshotAtWidths(lead, "assessment");

  await lead.goto(`${accountPath}/actions`);
  await expect(lead.getByText("Raise Information & technology from 2.3 to 4 (capability gap 1.7)")).toBeVisible();

  // The page's content fits the phone as well as the desktop.
  expect(assessmentOverflow).toEqual({ 1366: 0, 390: 0 });
});

test("the net value worksheet and the portfolio, at the desktop and the phone width", async ({ browser }) => {
  const lead = await personPage(browser, "lead");
  const accountPath = await openAccount(lead);
  // The demo's four revealed quarters, compared.
  await lead.goto(`${accountPath}/value`);
  await expect(lead.locator("h1")).toBeVisible();
  await expect(lead.getByRole("link", { name: /^\d{4}-Q[1-4]$/ })).toHaveCount(4);
  await screenshotAtWidths(lead, "net-value");
  await lead.goto("/accounts");
  await expect(lead.getByRole("link", { name: ACCOUNT }).first()).toBeVisible();
  expect(await screenshotAtWidths(lead, "portfolio")).toEqual({ 1366: 0, 390: 0 });
  // On a laptop every column of the table is in view: its card does not scroll sideways.
  await lead.setViewportSize({ width: 1366, height: 900 });
  const card = lead.locator(".portfolio-table-card");
  expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // On a phone each account is a card, and the sort is a menu of the filter form.
  await lead.setViewportSize({ width: 390, height: 900 });
  await lead.getByRole("combobox", { name: "Sort by" }).selectOption("health");
  await lead.getByRole("button", { name: "Apply" }).click();
  await expect(lead).toHaveURL(/sort=health/);
  expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test("a member who reads Chinese sees the demo's assessment in Chinese, phone and desktop", async ({ browser }) => {
  const support = await personPage(browser, "support");
  const accountPath = await openAccount(support);
  await support.goto(`${accountPath}/assessment`);
  await expect(support.getByRole("heading", { level: 1 })).toHaveText("客户管理能力评价");
  await expect(support.locator("#assessment-round-heading")).toContainText("已公布");
  await expect(support.getByRole("img", { name: /雷达图/ }).locator(".recharts-wrapper > svg")).toBeVisible();
  await screenshotAtWidths(support, "assessment-zh-CN");
});
