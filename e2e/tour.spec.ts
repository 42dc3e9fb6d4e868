import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import {
  ARTIFACTS,
  LANGS,
  ROLES,
  TOUR_DIR,
  WIDTHS,
  axeFindings,
  discoverIds,
  fromEnv,
  label,
  navigationTiming,
  overflow,
  percentile,
  publicPages,
  screenshotPath,
  setLanguage,
  settle,
  signIn,
  workspacePages,
  writeJson,
  type AxeFinding,
  type Lang,
  type NavigationSample,
  type Role,
  type TourIds,
  type TourPage,
  type Visit,
  type Width,
} from "./tour-helpers";

/**
 * The tour: every page as every demo role, at a laptop's and a phone's width, in
 * English and Chinese. Each visit runs axe (no serious or critical violation), checks
 * the page does not scroll sideways, never shows a crash, and saves a screenshot under
 * e2e/artifacts/tour/ for a person to look at. A separate test measures navigation
 * timing of first and repeat visits (reported, not asserted: this machine is shared).
 */

/**
 * `TOUR=full` (`npm run test:tour`): every role visits every page in every language at
 * every width, and the timing test runs. Otherwise (`npm run test:e2e`, CI) each page is
 * visited twice: by the role that sees all of it (the admin on admin pages, the lead
 * elsewhere) and by one of the other roles, taking turns from page to page; the language
 * and width turn with the page, so every role meets both languages and both widths. A
 * twelfth of the full tour's visits, for CI's time budget.
 */
const FULL = process.env.TOUR === "full";
const roles = fromEnv("TOUR_ROLES", ROLES);
const langs = fromEnv("TOUR_LANGS", LANGS);
const widthNames = fromEnv(
  "TOUR_WIDTHS",
  WIDTHS.map((width) => width.name),
);
const widths = WIDTHS.filter((width) => widthNames.includes(width.name));
const pairs = langs.flatMap((lang) => widths.map((width) => ({ lang, width })));

interface PlannedVisit {
  tourPage: TourPage;
  lang: Lang;
  width: Width;
}

/** The role that sees all of a page: the one whose visit checks the page's every control. */
const ownerOf = (tourPage: TourPage): Role => (tourPage.name.startsWith("admin") ? "admin" : "lead");

/** The role's visits, grouped by width so that each width needs one browser context. */
function plan(role: Role, pages: TourPage[]): PlannedVisit[] {
  const visits = FULL
    ? pages.flatMap((tourPage) => pairs.map((pair) => ({ tourPage, ...pair })))
    : pages.flatMap((tourPage, i) => {
        const owner = ownerOf(tourPage);
        const others = roles.filter((other) => other !== owner);
        const mine = [];
        if (role === owner) mine.push({ tourPage, ...pairs[i % pairs.length] });
        if (role === others[i % others.length]) mine.push({ tourPage, ...pairs[(i + 1) % pairs.length] });
        return mine;
      });
  return widths.flatMap((width) => visits.filter((visit) => visit.width === width));
}
const described = FULL
  ? "every page, in every language at every width"
  : "its share of the pages, in turning languages and widths";
const pageFilter = process.env.TOUR_PAGES?.split(",").filter(Boolean);
const only = (pages: TourPage[]) => (pageFilter ? pages.filter((page) => pageFilter.includes(page.name)) : pages);

const ROADMAP = "Northwind customer roadmap 2026";

let ids: TourIds | undefined;
async function tourIds(browser: Browser, baseURL: string): Promise<TourIds> {
  ids ??= await discoverIds(browser, baseURL);
  return ids;
}

/** A file left by an earlier run is reused only if its link still opens on this server. */
const SHARE_FILE = path.join(TOUR_DIR, "share-url.txt");

/**
 * A customer's share link to the Northwind roadmap, made as the team would: the lead
 * sends the roadmap for approval (sales only, plus the executive), sales and the
 * executive approve, and the lead creates the link.
 */
async function shareUrl(browser: Browser, baseURL: string): Promise<string> {
  if (fs.existsSync(SHARE_FILE)) {
    const saved = fs.readFileSync(SHARE_FILE, "utf8").trim();
    const context = await browser.newContext({ baseURL });
    const ok = (await context.request.get(new URL(saved).pathname)).ok();
    await context.close();
    if (ok) return saved;
  }
  const { account, roadmapDoc } = await tourIds(browser, baseURL);
  const docPath = `/accounts/${account}/docs/${roadmapDoc}`;
  const signedIn = async (role: string): Promise<[BrowserContext, Page]> => {
    const context = await browser.newContext({ baseURL });
    await signIn(context.request, baseURL, role);
    await setLanguage(context.request, baseURL, "en");
    return [context, await context.newPage()];
  };
  const [leadContext, lead] = await signedIn("lead");
  await lead.goto(`${docPath}/share`);
  const create = lead.getByRole("button", { name: "Create a link" });
  if ((await create.count()) === 0) {
    await lead.goto(`${docPath}/approval`);
    const departments = lead.getByRole("group", { name: "Departments that must approve" });
    for (const name of ["Production", "Logistics", "Support"]) await departments.getByLabel(name).uncheck();
    await lead.getByRole("button", { name: "Send for approval" }).click();
    await expect(lead.locator("h1 [data-approval]")).toHaveAttribute("data-approval", "in_review");
    for (const role of ["sales", "exec"]) {
      const [context, page] = await signedIn(role);
      await page.goto("/approvals");
      await page
        .getByRole("link", { name: new RegExp(ROADMAP) })
        .first()
        .click();
      await page.getByLabel("Comment").fill(`Tour: ${role} approves.`);
      await page.getByRole("button", { name: "Approve" }).click();
      await expect(page.getByText(`Tour: ${role} approves.`)).toBeVisible();
      await context.close();
    }
    await lead.goto(`${docPath}/share`);
  }
  await create.click();
  const url = await lead.locator("#share-url").inputValue();
  await leadContext.close();
  fs.mkdirSync(TOUR_DIR, { recursive: true });
  fs.writeFileSync(SHARE_FILE, url + "\n");
  return url;
}

interface Problems {
  crashes: string[];
  overflow: string[];
  axe: Map<string, { finding: AxeFinding; where: string[] }>;
}

function newProblems(): Problems {
  return { crashes: [], overflow: [], axe: new Map() };
}

/** One message listing everything, grouped by axe rule, so a single run shows it all. */
function report(problems: Problems): string {
  const lines: string[] = [];
  if (problems.crashes.length)
    lines.push("Crashes or unclear refusals:", ...problems.crashes.map((line) => `  ${line}`));
  if (problems.overflow.length) lines.push("Sideways scrolling:", ...problems.overflow.map((line) => `  ${line}`));
  for (const [, { finding, where }] of problems.axe) {
    lines.push(`axe ${finding.impact} ${finding.rule}: ${finding.help} (${where.length} visits)`);
    for (const line of where) lines.push(`  ${line}`);
  }
  return lines.join("\n");
}

/** Editor pages (and widths) whose cards' target sizes this run has checked. */
const editorTargetsChecked = new Set<string>();

/** Opens one page in the visitor's context and checks it; returns nothing, records problems. */
async function visit(page: Page, tourPage: TourPage, where: Visit, problems: Problems): Promise<void> {
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(error.message);
  page.on("pageerror", onError);
  try {
    const response = await page.goto(tourPage.path);
    const status = response?.status() ?? 0;
    // A refused editor page has no editor to wait for.
    await settle(page, status < 400 ? tourPage : { ...tourPage, editor: false });
    if (status >= 500 || status === 0) problems.crashes.push(`${label(where)}: HTTP ${status}`);
    if (status >= 400) {
      // A refusal must say what happened, as a heading a screen reader announces.
      const heading = page.getByRole("heading", { level: 1 });
      if ((await heading.count()) === 0 || !(await heading.first().isVisible()))
        problems.crashes.push(`${label(where)}: HTTP ${status} without a visible h1`);
    }
    // Each editor page's cards are checked for target size once per width (every visit with TOUR=full).
    const targetsKey = `${tourPage.name} ${where.width}`;
    const editorTargets = FULL || !editorTargetsChecked.has(targetsKey);
    editorTargetsChecked.add(targetsKey);
    for (const finding of await axeFindings(page, { editorTargets })) {
      const entry = problems.axe.get(finding.rule) ?? { finding, where: [] };
      entry.where.push(`${label(where)}: ${finding.targets.join(" | ")}`);
      problems.axe.set(finding.rule, entry);
    }
    const wide = await overflow(page);
    if (wide) problems.overflow.push(`${label(where)}: ${wide}`);
    await page.screenshot({ path: screenshotPath(where), fullPage: true });
  } catch (error) {
    problems.crashes.push(`${label(where)}: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    page.off("pageerror", onError);
    for (const message of errors) problems.crashes.push(`${label(where)}: uncaught ${message}`);
  }
}

// Hundreds of visits: a trace of each would cost more than the tour itself; the
// failure message and the screenshots say what went wrong.
test.use({ trace: "off" });

test.describe("tour", () => {
  // ~35 pages (× 4 widths × languages with TOUR=full) per role, each with axe and a full-page screenshot.
  test.setTimeout(15 * 60_000);

  for (const role of roles) {
    test(`as ${role}: ${described}`, async ({ browser, baseURL }) => {
      const base = baseURL ?? "";
      const pages = only(workspacePages(await tourIds(browser, base)));
      const problems = newProblems();
      try {
        let context: BrowserContext | undefined;
        let page: Page | undefined;
        let current: { lang?: Lang; width?: Width } = {};
        for (const { tourPage, lang, width } of plan(role, pages)) {
          if (!context || !page || width !== current.width) {
            // One context per width: signed in once, its cache reused.
            await context?.close();
            context = await browser.newContext({ baseURL: base, viewport: width.viewport });
            await signIn(context.request, base, role);
            page = await context.newPage();
            current = { width };
          }
          // The language lives on the person's profile, so switching it is one request.
          if (lang !== current.lang) await setLanguage(context.request, base, lang);
          current.lang = lang;
          await visit(page, tourPage, { lang, width: width.name, role, page: tourPage.name }, problems);
        }
        await context?.close();
      } finally {
        // The profile remembers the language: leave each demo user as seeded for other specs.
        const reset = await browser.newContext({ baseURL: base });
        await signIn(reset.request, base, role);
        await setLanguage(reset.request, base, "en");
        await reset.close();
      }
      expect(report(problems), `problems as ${role}`).toBe("");
    });
  }

  test("not signed in: sign-in, a customer's share link, unknown links, the API reference", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL ?? "";
    const pages = only(publicPages(await shareUrl(browser, base)));
    const problems = newProblems();
    for (const lang of langs) {
      for (const width of widths) {
        const context = await browser.newContext({ baseURL: base, viewport: width.viewport });
        await setLanguage(context.request, base, lang);
        const page = await context.newPage();
        for (const tourPage of pages) {
          await visit(page, tourPage, { lang, width: width.name, role: "anonymous", page: tourPage.name }, problems);
        }
        await context.close();
      }
    }
    expect(report(problems), "problems when not signed in").toBe("");
  });
});

interface TimingRow {
  page: string;
  role: string;
  first: NavigationSample[];
  repeat: NavigationSample[];
}

const TIMING_SAMPLES = Number(process.env.TOUR_TIMING_SAMPLES ?? 5);

test("navigation timing of first and repeat visits, per page", async ({ browser, baseURL }) => {
  test.skip(!FULL, "measured by `npm run test:tour` (TOUR=full): minutes of fresh browser contexts");
  test.setTimeout(10 * 60_000);
  const base = baseURL ?? "";
  const pages = only(workspacePages(await tourIds(browser, base)));
  // Signed in once; each sample is a fresh context (empty cache) with these cookies.
  const signIns = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();
  for (const role of ["lead", "admin"]) {
    const context = await browser.newContext({ baseURL: base });
    await signIn(context.request, base, role);
    await setLanguage(context.request, base, "en");
    signIns.set(role, await context.storageState());
    await context.close();
  }
  const rows: TimingRow[] = pages.map((tourPage) => ({
    page: tourPage.name,
    role: ownerOf(tourPage),
    first: [],
    repeat: [],
  }));
  // Round by round over all the pages, so a moment when the machine is busy costs one
  // sample of several pages rather than every sample of one.
  for (let sample = 0; sample < TIMING_SAMPLES; sample++) {
    for (const [i, tourPage] of pages.entries()) {
      const row = rows[i];
      const context = await browser.newContext({
        baseURL: base,
        viewport: WIDTHS[0].viewport,
        storageState: signIns.get(row.role),
      });
      const page = await context.newPage();
      for (const kind of ["first", "repeat"] as const) {
        const response = await page.goto(tourPage.path);
        expect(response?.status(), `${tourPage.name} as ${row.role}`).toBeLessThan(400);
        await settle(page, tourPage);
        row[kind].push(await navigationTiming(page));
      }
      await context.close();
    }
  }
  writeJson(path.join(ARTIFACTS, "navigation-timing.json"), {
    measuredAt: new Date().toISOString(),
    samplesPerPage: TIMING_SAMPLES,
    viewport: WIDTHS[0].viewport,
    note: "ms since navigation start; first = fresh browser context with an empty cache, repeat = the same page again in it",
    pages: rows,
  });
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const stat = (samples: NavigationSample[], key: keyof NavigationSample, p: number) =>
    percentile(
      samples.map((sample) => sample[key] ?? NaN).filter((value) => !Number.isNaN(value)),
      p,
    );
  const header = `${"page".padEnd(20)} ${pad("first load p50", 15)} ${pad("p95", 6)} ${pad("interactive p50", 16)} ${pad("p95", 6)} ${pad("repeat load p50", 16)} ${pad("p95", 6)}`;
  const table = rows.map(
    (row) =>
      `${row.page.padEnd(20)} ${pad(stat(row.first, "loadEventEnd", 50), 15)} ${pad(stat(row.first, "loadEventEnd", 95), 6)} ${pad(stat(row.first, "interactive", 50), 16)} ${pad(stat(row.first, "interactive", 95), 6)} ${pad(stat(row.repeat, "loadEventEnd", 50), 16)} ${pad(stat(row.repeat, "loadEventEnd", 95), 6)}`,
  );
  const all = rows.flatMap((row) => row.first.map((sample) => sample.loadEventEnd));
  console.log(
    [
      header,
      ...table,
      `all pages, first visit load: p50 ${percentile(all, 50)} ms, p95 ${percentile(all, 95)} ms`,
    ].join("\n"),
  );
  // Loose on purpose (timing is measured, not asserted): a repeat visit reuses the
  // hashed, immutable assets, so it never takes longer than a first one by much.
  const firstP50 = percentile(all, 50);
  const repeatP50 = percentile(
    rows.flatMap((row) => row.repeat.map((sample) => sample.loadEventEnd)),
    50,
  );
  expect(repeatP50).toBeLessThan(firstP50 * 1.5 + 50);
});

test("hashed assets are cached for good, and the editor's code loads on editor pages only", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const { account, roadmapDoc } = await tourIds(browser, base);
  const context = await browser.newContext({ baseURL: base });
  await signIn(context.request, base, "lead");
  const page = await context.newPage();
  const scripts = new Map<string, string>();
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/build/")) scripts.set(url.pathname, response.headers()["cache-control"] ?? "");
  });
  await page.goto("/accounts");
  await settle(page, { name: "portfolio", path: "/accounts" });
  expect(scripts.size).toBeGreaterThan(0);
  for (const [file, cacheControl] of scripts) expect(cacheControl, file).toContain("immutable");
  const portfolioScripts = new Set(scripts.keys());
  scripts.clear();
  await page.goto(`/accounts/${account}/docs/${roadmapDoc}`);
  await settle(page, { name: "document", path: "", editor: true });
  const editorOnly = [...scripts.keys()].filter((file) => !portfolioScripts.has(file) && file.endsWith(".js"));
  // The document page brings TipTap and Yjs with it: they were not on the portfolio.
  expect(editorOnly.length).toBeGreaterThan(0);
  const hasProseMirror = await page.evaluate(async (files) => {
    const texts = await Promise.all(files.map((file) => fetch(file).then((response) => response.text())));
    return texts.some((text) => text.includes("ProseMirror"));
  }, editorOnly);
  expect(hasProseMirror, "the editor's code comes with the document page, not before").toBe(true);
  await context.close();
});
