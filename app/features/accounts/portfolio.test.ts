import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentQuarters } from "~/features/kpis/kpi";
import { TIERS } from "~/shared/domain";
import { demoAccountId, demoUserIds, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { PORTFOLIO_PAGE_SIZE } from "./portfolio.server";
import { parsePortfolioView, portfolioSearch, sortLink, type PortfolioView } from "./portfolio.schema";
import type { PortfolioRowData } from "./portfolio-view";

let server: TestServer;
const people = new People(() => server);
const ROUTE = encodeURIComponent("routes/_workspace.accounts._index");
const quarters = recentQuarters(new Date());
const [previous, current] = quarters.slice(-2);
const EXTRA = 60;
/** Matches the accounts made here, not the demo's (which may have KPIs and actions of their own). */
const PF = "PF account";

interface PortfolioData {
  view: PortfolioView;
  accounts: PortfolioRowData[];
  total: number;
  visibleTotal: number;
  page: number;
  pages: number;
  leads: { id: string; name: string }[];
  charts: { ladder: { stage: string; count: number }[]; healthByTier: Record<string, number | string>[] };
}

async function portfolio(handle: string, search = ""): Promise<PortfolioData> {
  const joiner = search ? "&" : "?";
  const res = await fetch(`${server.url}/accounts${search}${joiner}_data=${ROUTE}`, {
    headers: { cookie: await people.cookie(handle) },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PortfolioData;
}

/** Every row of a view, page by page, as `handle` sees it. */
async function allRows(handle: string, view: Partial<PortfolioView>): Promise<PortfolioRowData[]> {
  const first = await portfolio(handle, portfolioSearch(parsePortfolioView(new URLSearchParams()), view));
  const rows = [...first.accounts];
  for (let page = 2; page <= first.pages; page++) {
    rows.push(...(await portfolio(handle, portfolioSearch(first.view, { page }))).accounts);
  }
  return rows;
}

let ids: Record<string, string>;
let rising: string;
let falling: string;
let overdue: string;

const byLowerCase = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);

async function setKpis(accountId: string, quarter: string, values: Record<string, number>) {
  const db = server.services.db;
  for (const [key, value] of Object.entries(values)) {
    const kpi = await db.kpiDefinition.findUniqueOrThrow({ where: { key } });
    await db.kpiValue.create({ data: { accountId, kpiId: kpi.id, quarter, value } });
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  ids = await demoUserIds(db);
  const sales = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
  // Sixty accounts led by Daniel (sales), Li Wei (production) on every third: enough for two pages.
  const created: string[] = [];
  for (let i = 0; i < EXTRA; i++) {
    const account = await db.account.create({
      data: {
        name: `PF account ${String(i).padStart(2, "0")}`,
        industry: "Portfolio test",
        tier: TIERS[i % TIERS.length],
        ladderStage: ["customer", "client", "supporter"][i % 3],
        lifecycleStage: "experience",
        members: {
          create: [
            { userId: ids.sales, role: "lead", departmentId: sales.id },
            ...(i % 3 === 0 ? [{ userId: ids.production, role: "member", departmentId: sales.id }] : []),
          ],
        },
      },
    });
    created.push(account.id);
  }
  [rising, falling, overdue] = created;
  // Known inputs. Rising: margin 25/25 → 100, csat 4.5/9 → 50: 75; then margin 20 → 80, csat 9 → 100,
  // open tickets 10 against 5 (lower is better) → 50: 230/3 → 77, so +2.
  await setKpis(rising, previous, { margin: 25, csat: 4.5, revenue: 1_000_000 });
  await setKpis(rising, current, { margin: 20, csat: 9, open_tickets: 10 });
  // Falling: margin 25 → 100, then 12.5 → 50.
  await setKpis(falling, previous, { margin: 25 });
  await setKpis(falling, current, { margin: 12.5 });
  await db.actionItem.create({
    data: {
      accountId: overdue,
      title: "Past due",
      status: "open",
      dueDate: new Date(Date.now() - 5 * 24 * 3600 * 1000),
      createdById: ids.sales,
    },
  });
});
afterAll(async () => {
  people.disconnect();
  await server.close();
});

describe("who sees which accounts", () => {
  it("a member sees only their teams' accounts, an executive every account", async () => {
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    const huadong = await demoAccountId(server.services.db, HUADONG);
    const production = await allRows("production", {});
    expect(production.map((row) => row.id)).toContain(northwind);
    expect(production.map((row) => row.id)).not.toContain(huadong);
    expect(production).toHaveLength(1 + EXTRA / 3);

    const exec = await portfolio("exec");
    const total = await server.services.db.account.count();
    expect(exec.total).toBe(total);
    expect(exec.visibleTotal).toBe(total);
    expect(exec.accounts.every((row) => row.myRole === null || typeof row.myRole === "string")).toBe(true);
  });

  it("an outsider sees the empty portfolio, and no account", async () => {
    const outsider = await portfolio("outsider");
    expect(outsider).toMatchObject({ visibleTotal: 0, total: 0, accounts: [], leads: [] });
    const html = await (
      await fetch(`${server.url}/accounts`, { headers: { cookie: await people.cookie("outsider") } })
    ).text();
    expect(html).not.toContain("PF account");
  });
});

describe("health, trend and needs attention", () => {
  it("computes health from the latest quarter's KPIs and the change since the quarter before", async () => {
    const row = (await allRows("sales", {})).find((r) => r.id === rising);
    expect(row).toMatchObject({ health: 77, healthQuarter: current, trend: 2, attention: false });
    expect(row?.healthParts).toEqual([
      { key: "margin", points: 80, weight: 1 },
      { key: "csat", points: 100, weight: 1 },
      { key: "open_tickets", points: 50, weight: 1 },
    ]);
    const html = await (
      await fetch(`${server.url}/accounts?q=PF+account+00`, { headers: { cookie: await people.cookie("sales") } })
    ).text();
    expect(html).toContain("Open support tickets: 50 points × weight 1");
    expect(html).toMatch(/role="tooltip"/);
  });

  it("marks falling health and overdue action items as needing attention, and filters by it", async () => {
    const rows = await allRows("sales", { q: PF, attention: "1" });
    expect(rows.map((r) => r.id).sort()).toEqual([falling, overdue].sort());
    const fallingRow = rows.find((r) => r.id === falling);
    expect(fallingRow).toMatchObject({ health: 50, trend: -50, attention: true });
    expect(rows.find((r) => r.id === overdue)).toMatchObject({ overdueActions: 1, health: null });
  });
});

describe("sorting, filtering and paging on the server", () => {
  it("sorts by health, highest first by default, accounts without KPIs last", async () => {
    const rows = await allRows("sales", { q: PF, sort: "health" });
    expect(rows.slice(0, 2).map((r) => r.id)).toEqual([rising, falling]);
    expect(rows.slice(2).every((r) => r.health === null)).toBe(true);
    const ascending = await allRows("sales", { q: PF, sort: "health", dir: "asc" });
    expect(ascending.slice(0, 2).map((r) => r.id)).toEqual([falling, rising]);
  });

  it("sorts by name both ways and by tier in the tier order", async () => {
    const names = (await allRows("sales", {})).map((r) => r.name);
    expect(names).toEqual([...names].sort(byLowerCase));
    const desc = (await allRows("sales", { dir: "desc" })).map((r) => r.name);
    expect(desc).toEqual([...names].reverse());
    const tiers = (await allRows("sales", { sort: "tier" })).map((r) => TIERS.indexOf(r.tier as never));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  });

  it("filters by tier, ladder stage and lead, in SQL before paging", async () => {
    const key = await allRows("exec", { tier: "key" });
    expect(key.length).toBeGreaterThan(0);
    expect(key.every((r) => r.tier === "key")).toBe(true);
    const ladder = await allRows("exec", { ladder: "supporter" });
    expect(ladder.every((r) => r.ladderStage === "supporter")).toBe(true);
    const exec = await portfolio("exec");
    expect(exec.leads.map((lead) => lead.id)).toContain(ids.sales);
    const led = await allRows("exec", { owner: ids.production });
    expect(led).toEqual([]);
    const bySales = await allRows("exec", { owner: ids.sales });
    expect(bySales.filter((r) => r.name.startsWith("PF account"))).toHaveLength(EXTRA);
  });

  it("pages by 50: the second page holds the rest, and a page past the end shows the last", async () => {
    const first = await portfolio("sales", "?q=PF+account");
    expect(first).toMatchObject({ total: EXTRA, page: 1, pages: 2 });
    expect(first.accounts).toHaveLength(PORTFOLIO_PAGE_SIZE);
    const second = await portfolio("sales", "?q=PF+account&page=2");
    expect(second.accounts).toHaveLength(EXTRA - PORTFOLIO_PAGE_SIZE);
    expect(second.accounts[0].name).toBe(`PF account ${PORTFOLIO_PAGE_SIZE}`);
    const beyond = await portfolio("sales", "?q=PF+account&page=9");
    expect(beyond.page).toBe(2);
    expect(beyond.view.page).toBe(2);
  });

  it("groups by tier: rows come tier by tier, sorted within each", async () => {
    const rows = await allRows("sales", { group: "tier", sort: "name", dir: "desc" });
    const ranks = rows.map((r) => TIERS.indexOf(r.tier as never));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const strategic = rows.filter((r) => r.tier === "strategic").map((r) => r.name);
    expect(strategic).toEqual([...strategic].sort().reverse());
    const html = await (
      await fetch(`${server.url}/accounts?group=tier`, { headers: { cookie: await people.cookie("sales") } })
    ).text();
    expect(html).toContain('scope="colgroup"');
  });

  it("counts the charts over the whole view, not only the page", async () => {
    const data = await portfolio("sales", "?q=PF+account");
    const counted = data.charts.ladder.reduce((sum, stage) => sum + stage.count, 0);
    expect(counted).toBe(EXTRA);
    expect(data.charts.ladder.find((s) => s.stage === "supporter")?.count).toBe(EXTRA / 3);
  });
});

describe("sorting by approvals, maturity and net value, and attention to changed approvals", () => {
  async function document(accountId: string, kind: string, approval?: "approved" | "in_review" | "changed") {
    const db = server.services.db;
    const doc = await db.document.create({ data: { accountId, kind, title: `${kind} of ${accountId}` } });
    if (!approval) return;
    const version = await db.docVersion.create({
      data: { documentId: doc.id, name: "v1", reason: "approval", state: new Uint8Array(2), contentHash: "h" },
    });
    // "changed": approved yesterday, and the document was written after that (its updatedAt is now).
    const closedAt =
      approval === "in_review" ? null : new Date(Date.now() + (approval === "changed" ? -86_400_000 : 1000));
    await db.approvalRequest.create({
      data: {
        documentId: doc.id,
        versionId: version.id,
        contentHash: "h",
        status: approval === "in_review" ? "in_review" : "approved",
        needsExecutive: true,
        requestedById: ids.sales,
        closedAt,
      },
    });
  }

  async function revealed(accountId: string, kind: "capability" | "net_value", result: number) {
    await server.services.db.scoringRound.create({
      data: { accountId, kind, quarter: "2026-Q1", status: "revealed", revealedAt: new Date(), result },
    });
  }

  let two: string;
  let one: string;
  let changed: string;
  beforeAll(async () => {
    const rows = await allRows("sales", { q: "PF account 5" });
    [two, one, changed] = rows.map((row) => row.id);
    await document(two, "roadmap", "approved");
    await document(two, "account_plan", "approved");
    await document(one, "roadmap", "approved");
    await document(one, "account_plan", "in_review");
    await document(changed, "account_plan", "changed");
    await revealed(two, "capability", 2.5);
    await revealed(one, "capability", 4.25);
    await revealed(two, "net_value", -3);
    await revealed(one, "net_value", 12);
  });

  it("sorts by documents approved, then in review; by mean maturity and net value, highest first", async () => {
    const approvals = await allRows("sales", { q: PF, sort: "approvals" });
    expect(approvals.slice(0, 2).map((r) => r.id)).toEqual([two, one]);
    expect(approvals.find((r) => r.id === one)?.approvals).toEqual({ approved: 1, in_review: 1 });
    const maturity = await allRows("sales", { q: PF, sort: "maturity" });
    expect(maturity.slice(0, 2).map((r) => [r.id, r.meanMaturity])).toEqual([
      [one, 4.25],
      [two, 2.5],
    ]);
    expect(maturity.slice(2).every((r) => r.meanMaturity === null)).toBe(true);
    const value = await allRows("sales", { q: PF, sort: "netValue", dir: "asc" });
    expect(value.slice(0, 2).map((r) => r.netValue)).toEqual([-3, 12]);
  });

  it("a document changed since its approval needs attention, and says so", async () => {
    const row = (await allRows("sales", { q: PF, attention: "1" })).find((r) => r.id === changed);
    expect(row).toMatchObject({ attention: true, attentionReasons: ["changedSinceApproval"] });
    expect(row?.documents.map((doc) => doc.status)).toEqual(["approved_changed"]);
    const html = await (
      await fetch(`${server.url}/accounts?q=PF+account+52`, { headers: { cookie: await people.cookie("sales") } })
    ).text();
    expect(html).toContain("a document changed since it was approved");
  });
});

describe("assessment and net value results", () => {
  it("show the latest revealed mean maturity and net value of the page's accounts", async () => {
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    const data = await portfolio("lead", "?q=Northwind");
    expect(data.accounts.map((row) => row.id)).toEqual([northwind]);
    expect(data.accounts[0].meanMaturity).toEqual(expect.any(Number));
    expect(data.accounts[0].netValue).toEqual(expect.any(Number));
  });
});

describe("health follows the KPIs", () => {
  it("a changed or removed KPI value shows on the next view, though the scores are kept between views", async () => {
    const db = server.services.db;
    const margin = await db.kpiDefinition.findUniqueOrThrow({ where: { key: "margin" } });
    const health = async () => (await allRows("sales", { q: "PF account 01" }))[0];
    expect(await health()).toMatchObject({ id: falling, health: 50, trend: -50 });
    await db.kpiValue.update({
      where: { accountId_kpiId_quarter: { accountId: falling, kpiId: margin.id, quarter: current } },
      data: { value: 25 },
    });
    expect(await health()).toMatchObject({ health: 100, trend: 0 });
    await db.kpiValue.delete({
      where: { accountId_kpiId_quarter: { accountId: falling, kpiId: margin.id, quarter: current } },
    });
    // The latest quarter with values is now the one before.
    expect(await health()).toMatchObject({ health: 100, healthQuarter: previous, trend: null });
    await setKpis(falling, current, { margin: 12.5 });
    expect(await health()).toMatchObject({ health: 50, trend: -50 });
  });
});

describe("the view lives in the URL", () => {
  it("takes search text literally: wildcards match themselves", async () => {
    expect((await portfolio("sales", "?q=%25")).total).toBe(0);
    expect((await portfolio("sales", "?q=PF_account")).total).toBe(0);
    expect((await portfolio("sales", "?q=pf+ACCOUNT+0")).total).toBe(10);
  });

  it("round-trips: the search string of a parsed view parses back to the same view", () => {
    const view = parsePortfolioView(
      new URLSearchParams("q=rail&sort=health&dir=asc&tier=key&ladder=client&owner=u1&attention=1&group=tier&page=3"),
    );
    expect(view).toEqual({
      q: "rail",
      sort: "health",
      dir: "asc",
      tier: "key",
      ladder: "client",
      lifecycle: undefined,
      owner: "u1",
      attention: "1",
      group: "tier",
      page: 3,
    });
    expect(parsePortfolioView(new URLSearchParams(portfolioSearch(view, { page: 3 })))).toEqual(view);
    // A header link flips the direction of the current sort and starts another column in its natural order.
    expect(sortLink(view, "health")).not.toContain("dir=");
    expect(sortLink({ ...view, dir: undefined }, "health")).toContain("dir=asc");
    expect(sortLink(view, "name")).not.toContain("dir=");
  });

  it("ignores values it does not know instead of failing", async () => {
    const view = parsePortfolioView(new URLSearchParams("sort=drop+table&tier=gold&page=-4&attention=yes&dir=up"));
    expect(view).toMatchObject({ sort: "name", tier: undefined, page: 1, attention: undefined, dir: undefined });
    const data = await portfolio("sales", "?sort=nope&tier=gold&page=x");
    expect(data.view).toMatchObject({ sort: "name", page: 1 });
  });

  it("the loader echoes the view, so the page's links reproduce it", async () => {
    const search = "?q=PF&sort=overdue&tier=growth&group=tier";
    const data = await portfolio("sales", search);
    expect(portfolioSearch(data.view)).toBe(search);
    expect(data.accounts.every((r) => r.tier === "growth")).toBe(true);
  });
});
