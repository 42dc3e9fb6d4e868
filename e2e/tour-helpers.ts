import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures";

export const ROLES = ["lead", "sales", "viewer", "exec", "admin", "outsider"] as const;
export type Role = (typeof ROLES)[number];
export const WIDTHS = [
  { name: "1366", viewport: { width: 1366, height: 900 } },
  { name: "390", viewport: { width: 390, height: 844 } },
] as const;
export const LANGS = ["en", "zh-CN"] as const;
export type Lang = (typeof LANGS)[number];
export type Width = (typeof WIDTHS)[number];

/** `TOUR_ROLES=lead,exec TOUR_LANGS=en TOUR_WIDTHS=390` narrow the matrix while fixing. */
export function fromEnv<T extends string>(name: string, all: readonly T[]): T[] {
  const wanted = process.env[name]?.split(",").filter(Boolean);
  return wanted ? all.filter((value) => wanted.includes(value)) : [...all];
}

export const ARTIFACTS = "e2e/artifacts";
export const TOUR_DIR = path.join(ARTIFACTS, "tour");

export interface TourPage {
  /** File name of the screenshot and row of the timing table. */
  name: string;
  path: string;
  /** A TipTap page: settled once its sync pill says saved. */
  editor?: boolean;
  /** Plain HTML without our scripts (a share page for the customer). */
  static?: boolean;
}

/** The ids the tour needs, read from the pages as the team lead sees them. */
export interface TourIds {
  account: string;
  otherAccount: string;
  roadmapDoc: string;
  review: string;
}

/** Every page of a signed-in person, in the order the tour visits them. */
export function workspacePages(ids: TourIds): TourPage[] {
  const account = `/accounts/${ids.account}`;
  const doc = `${account}/docs/${ids.roadmapDoc}`;
  return [
    { name: "portfolio", path: "/accounts" },
    { name: "account", path: account },
    { name: "account-zh", path: `/accounts/${ids.otherAccount}` },
    { name: "account-actions", path: `${account}/actions` },
    { name: "assessment", path: `${account}/assessment` },
    { name: "kpis", path: `${account}/kpis` },
    { name: "reviews", path: `${account}/reviews` },
    { name: "review", path: `${account}/reviews/${ids.review}` },
    { name: "review-print", path: `/accounts/${ids.account}/reviews/${ids.review}/print` },
    { name: "roadmap-timeline", path: `${account}/roadmap` },
    { name: "rights-scorecard", path: `${account}/rights` },
    { name: "team", path: `${account}/team` },
    { name: "value", path: `${account}/value` },
    { name: "document", path: doc, editor: true },
    { name: "document-versions", path: `${doc}/versions` },
    { name: "document-approval", path: `${doc}/approval` },
    { name: "document-share", path: `${doc}/share` },
    { name: "my-actions", path: "/actions" },
    { name: "approvals", path: "/approvals" },
    { name: "notifications", path: "/notifications" },
    { name: "search", path: `/search?q=${encodeURIComponent("gear")}` },
    { name: "search-zh", path: `/search?q=${encodeURIComponent("交期")}` },
    { name: "settings-tokens", path: "/settings/tokens" },
    { name: "admin", path: "/admin" },
    { name: "admin-users", path: "/admin/users" },
    { name: "admin-departments", path: "/admin/departments" },
    { name: "admin-accounts", path: "/admin/accounts" },
    { name: "admin-import", path: "/admin/import" },
    { name: "admin-templates", path: "/admin/templates" },
    { name: "admin-settings", path: "/admin/settings" },
    { name: "admin-webhooks", path: "/admin/webhooks" },
    { name: "admin-audit", path: "/admin/audit" },
    { name: "api-docs", path: "/api/v1/docs" },
  ];
}

/** Pages of someone not signed in. */
export function publicPages(shareUrl: string): TourPage[] {
  return [
    { name: "login", path: "/login" },
    { name: "shared-document", path: new URL(shareUrl).pathname, static: true },
    { name: "shared-unknown", path: `/s/${"A".repeat(32)}`, static: true },
    { name: "invite-unknown", path: `/invite/${"B".repeat(32)}` },
    { name: "reset-unknown", path: `/reset/${"C".repeat(32)}` },
    { name: "api-docs", path: "/api/v1/docs" },
  ];
}

/** Signs in through the API of the login form and returns the storage state (cookies) to reuse. */
export async function signIn(request: APIRequestContext, baseURL: string, role: string): Promise<void> {
  const response = await request.post("/login", {
    form: { email: `${role}@demo.keyroom`, password: DEMO_PASSWORD },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status(), `${role} signs in`).toBe(302);
}

/** The language switch in the header posts here; the profile keeps the choice. */
export async function setLanguage(request: APIRequestContext, baseURL: string, lang: Lang): Promise<void> {
  const response = await request.post("/settings/locale", {
    form: { locale: lang, redirectTo: "/accounts" },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status(), `language set to ${lang}`).toBe(302);
}

/** Waits until the page is what a person can use: hydrated, editors synced, fonts in. */
export async function settle(page: Page, tourPage: TourPage): Promise<void> {
  if (!tourPage.static) {
    await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 15_000 });
  }
  if (tourPage.editor) {
    await expect(page.locator("[data-sync-state]").first()).toHaveAttribute("data-sync-state", "saved", {
      timeout: 15_000,
    });
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export interface Visit {
  lang: Lang;
  width: string;
  role: string;
  page: string;
}

export function label(visit: Visit): string {
  return `${visit.page} · ${visit.role} · ${visit.width} · ${visit.lang}`;
}

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical violations of WCAG 2.0/2.1/2.2 A and AA. */
export async function axeFindings(page: Page, { editorTargets = true } = {}): Promise<AxeFinding[]> {
  const builder = () =>
    new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      // Runs in the page itself instead of finishing in a new blank page per run, which
      // halves the tour's time; the app has no iframes for the default mode to reach into.
      .setLegacyMode(true)
      // Only violations are read: axe then skips the details of every passing node.
      .options({ resultTypes: ["violations"] });
  // Target size among a roadmap's initiative cards (a hundred controls inside the editable
  // text) takes axe 6–7 s here, more than all its rules on all of a role's other pages.
  // Without `editorTargets`, target size is checked everywhere on the page but there.
  const split = !editorTargets && (await page.locator(".ProseMirror").count()) > 0;
  const runs = split
    ? [
        await builder().disableRules(["target-size"]).analyze(),
        await builder().withRules(["target-size"]).exclude(".ProseMirror").analyze(),
      ]
    : [await builder().analyze()];
  return runs
    .flatMap((results) => results.violations)
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      targets: violation.nodes.slice(0, 6).map((node) => node.target.join(" ")),
    }));
}

/** Sideways scrolling: the page wider than the window, and the widest elements that stick out. */
export async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const describe = (element: Element) => {
      const id = element.id ? `#${element.id}` : "";
      const classes = [...element.classList]
        .slice(0, 2)
        .map((name) => `.${name}`)
        .join("");
      return `${element.tagName.toLowerCase()}${id}${classes}`;
    };
    const offenders: Array<{ name: string; right: number }> = [];
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.right <= width + 1 || box.width === 0) continue;
      // Name the outermost element that sticks out, not each of its children.
      const parent = element.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
      offenders.push({ name: describe(element), right: Math.round(box.right + window.scrollX) });
    }
    offenders.sort((a, b) => b.right - a.right);
    const list = offenders
      .slice(0, 5)
      .map((offender) => `${offender.name} (${offender.right}px)`)
      .join(", ");
    return `page is ${scrollWidth}px wide at ${width}px: ${list}`;
  });
}

export interface NavigationSample {
  responseEnd: number;
  domContentLoaded: number;
  loadEventEnd: number;
  /** Our first effect in the browser ran (root.tsx marks it): the page answers clicks. */
  interactive: number | null;
}

/** The browser's navigation timing of the page now shown, in ms since the navigation started. */
export async function navigationTiming(page: Page): Promise<NavigationSample> {
  await page.waitForFunction(() => {
    const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return entry !== undefined && entry.loadEventEnd > 0;
  });
  return page.evaluate(() => {
    const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const mark = performance.getEntriesByName("keyroom:interactive")[0];
    return {
      responseEnd: Math.round(entry.responseEnd),
      domContentLoaded: Math.round(entry.domContentLoadedEventEnd),
      loadEventEnd: Math.round(entry.loadEventEnd),
      interactive: mark ? Math.round(mark.startTime) : null,
    };
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function screenshotPath(visit: Visit): string {
  return path.join(TOUR_DIR, visit.lang, visit.width, visit.role, `${visit.page}.png`);
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

/** The account, its roadmap and a review, as the lead's pages link them. */
export async function discoverIds(browser: Browser, baseURL: string): Promise<TourIds> {
  const context = await browser.newContext({ baseURL });
  try {
    await signIn(context.request, baseURL, "lead");
    const page = await context.newPage();
    await page.goto("/accounts");
    const accountHref = async (name: RegExp) =>
      (await page.getByRole("link", { name }).first().getAttribute("href"))?.split("/")[2] ?? "";
    const account = await accountHref(/Northwind Rail Systems/);
    const otherAccount = await accountHref(/华东精密机械/);
    await page.goto(`/accounts/${account}`);
    const docHref = await page
      .locator(".doc-list")
      .getByRole("link", { name: /roadmap/i })
      .first()
      .getAttribute("href");
    await page.goto(`/accounts/${account}/reviews`);
    // A closed review: only those have a printable summary.
    const reviewHrefs = await page
      .locator(`a[href^="/accounts/${account}/reviews/"]`)
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    let reviewHref = reviewHrefs[0];
    for (const href of reviewHrefs) {
      const [, , accountId, , reviewId] = href.split("/");
      if ((await context.request.get(`/accounts/${accountId}/reviews/${reviewId}/print`)).ok()) {
        reviewHref = href;
        break;
      }
    }
    return {
      account,
      otherAccount,
      roadmapDoc: docHref?.split("/")[4] ?? "",
      review: reviewHref?.split("/")[4] ?? "",
    };
  } finally {
    await context.close();
  }
}
