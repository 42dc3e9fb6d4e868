// The portfolio: one summary per visible account, from a fixed number of batched queries, sorted and paged here.
import { Prisma } from "@prisma/client";
import { today } from "~/features/action-items/action-item-views.server";
import { seesWholePortfolio } from "~/features/auth/permissions.server";
import { healthScore, recentQuarters, type HealthDefinition, type HealthPart } from "~/features/kpis/kpi";
import { listKpiDefinitions } from "~/features/kpis/kpi.server";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";
import type { Db } from "~/utils/db.server";
import {
  ATTENTION_HEALTH,
  healthBand,
  sortDirection,
  type HealthBand,
  type PortfolioSort,
  type PortfolioView,
} from "./portfolio.schema";

export const PORTFOLIO_PAGE_SIZE = 50;

interface Viewer {
  id: string;
  workspaceRole: string;
}

/** What the table sorts and filters on, for every account in the view. */
export interface AccountSummary {
  id: string;
  name: string;
  industry: string;
  tier: string;
  ladderStage: string;
  lifecycleStage: string;
  /** Health of the latest quarter with KPI values, 0–100. */
  health: number | null;
  healthQuarter: string | null;
  /** Health change against the quarter before that one. */
  trend: number | null;
  nextReviewAt: Date | null;
  overdueActions: number;
  lastActivityAt: Date | null;
}

/** Needs attention: weak health, falling health, or action items past their due date. */
export function needsAttention(summary: Pick<AccountSummary, "health" | "trend" | "overdueActions">): boolean {
  return (
    (summary.health !== null && summary.health < ATTENTION_HEALTH) ||
    (summary.trend !== null && summary.trend < 0) ||
    summary.overdueActions > 0
  );
}

function visibleWhere(viewer: Viewer): Prisma.AccountWhereInput {
  return seesWholePortfolio(viewer.workspaceRole) ? {} : { members: { some: { userId: viewer.id } } };
}

/** The view's filters that SQL can apply; "needs attention" is judged on the summaries. */
function filteredWhere(visible: Prisma.AccountWhereInput, view: PortfolioView): Prisma.AccountWhereInput {
  const and: Prisma.AccountWhereInput[] = [visible];
  if (view.q) and.push({ OR: [{ name: { contains: view.q } }, { industry: { contains: view.q } }] });
  if (view.tier) and.push({ tier: view.tier });
  if (view.ladder) and.push({ ladderStage: view.ladder });
  if (view.lifecycle) and.push({ lifecycleStage: view.lifecycle });
  if (view.owner) and.push({ members: { some: { userId: view.owner, role: "lead" } } });
  return { AND: and };
}

interface QuarterHealth {
  accountId: string;
  quarter: string;
  weightedSum: number | null;
  totalWeight: number | null;
  /** 1 for the account's latest quarter with values, 2 for the one before. */
  n: number | bigint;
}

/**
 * Each account's latest two quarters with KPI values, scored in SQL: a thousand
 * accounts' raw values are too many rows to bring over per request. The points
 * are kpiPoints' and the score is healthScore's weighted mean (the page's rows
 * get their parts from pageHealthParts); quarter strings sort in time order.
 */
function latestHealth(db: Db, quarters: string[]) {
  return db.$queryRaw<QuarterHealth[]>`
    WITH scored AS (
      SELECT v.accountId AS accountId, v.quarter AS quarter,
        SUM(CASE WHEN d.target IS NOT NULL AND d.weight > 0 THEN d.weight * MAX(0, MIN(100, 100 *
          CASE WHEN d.direction = 'lower_better' THEN (CASE WHEN v.value <= 0 THEN 1 ELSE d.target / v.value END)
               ELSE v.value / d.target END)) END) AS weightedSum,
        SUM(CASE WHEN d.target IS NOT NULL AND d.weight > 0 THEN d.weight END) AS totalWeight
      FROM KpiValue v JOIN KpiDefinition d ON d.id = v.kpiId
      WHERE v.quarter IN (${Prisma.join(quarters)})
      GROUP BY v.accountId, v.quarter
    ), ranked AS (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY accountId ORDER BY quarter DESC) AS n FROM scored
    )
    SELECT accountId, quarter, weightedSum, totalWeight, n FROM ranked WHERE n <= 2`;
}

function healthByAccount(rows: QuarterHealth[]) {
  const score = (row: QuarterHealth | undefined) =>
    row?.weightedSum != null && row.totalWeight ? Math.round(row.weightedSum / row.totalWeight) : null;
  const latest = new Map<string, QuarterHealth>();
  const before = new Map<string, QuarterHealth>();
  for (const row of rows) (Number(row.n) === 1 ? latest : before).set(row.accountId, row);
  const out = new Map<string, { health: number | null; quarter: string; trend: number | null }>();
  for (const [accountId, row] of latest) {
    const health = score(row);
    const previous = score(before.get(accountId));
    out.set(accountId, {
      health,
      quarter: row.quarter,
      trend: health !== null && previous !== null ? health - previous : null,
    });
  }
  return out;
}

/** How the page's rows' health scores were reached: each KPI's points and weight. */
async function pageHealthParts(db: Db, definitions: HealthDefinition[], rows: AccountSummary[]) {
  const scored = rows.filter((row) => row.healthQuarter !== null);
  const values = await db.kpiValue.findMany({
    where: { OR: scored.map((row) => ({ accountId: row.id, quarter: row.healthQuarter ?? "" })) },
    select: { accountId: true, value: true, kpi: { select: { key: true } } },
  });
  const byAccount = new Map<string, Record<string, number>>();
  for (const value of values) {
    const entry = byAccount.get(value.accountId) ?? {};
    entry[value.kpi.key] = value.value;
    byAccount.set(value.accountId, entry);
  }
  return new Map<string, HealthPart[]>(
    scored.map((row) => [row.id, healthScore(definitions, byAccount.get(row.id) ?? {}).parts]),
  );
}

/** Every account of the view with its computed columns: six queries, however many accounts. */
export async function portfolioSummaries(db: Db, where: Prisma.AccountWhereInput, now = new Date()) {
  const quarters = recentQuarters(now);
  const of = { account: where };
  const [accounts, definitions, kpiRows, overdue, activity, reviews] = await Promise.all([
    db.account.findMany({
      where,
      select: { id: true, name: true, industry: true, tier: true, ladderStage: true, lifecycleStage: true },
    }),
    listKpiDefinitions(db),
    latestHealth(db, quarters),
    db.actionItem.groupBy({
      by: ["accountId"],
      where: { ...of, status: { in: ["open", "in_progress"] }, dueDate: { lt: new Date(`${today()}T00:00:00Z`) } },
      _count: { _all: true },
    }),
    db.activity.groupBy({ by: ["accountId"], where: of, _max: { updatedAt: true } }),
    db.review.groupBy({
      by: ["accountId"],
      where: { ...of, status: { in: ["scheduled", "live"] } },
      _min: { scheduledAt: true },
    }),
  ]);
  const health = healthByAccount(kpiRows);
  const overdueBy = new Map(overdue.map((row) => [row.accountId, row._count._all]));
  const activityBy = new Map(activity.map((row) => [row.accountId, row._max.updatedAt]));
  const reviewBy = new Map(reviews.map((row) => [row.accountId, row._min.scheduledAt]));
  const summaries: AccountSummary[] = accounts.map((account) => {
    const h = health.get(account.id);
    return {
      ...account,
      health: h?.health ?? null,
      healthQuarter: h?.quarter ?? null,
      trend: h?.trend ?? null,
      nextReviewAt: reviewBy.get(account.id) ?? null,
      overdueActions: overdueBy.get(account.id) ?? 0,
      lastActivityAt: activityBy.get(account.id) ?? null,
    };
  });
  return { summaries, definitions };
}

const rank = (order: readonly string[]) => (value: string) => {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
};
const tierRank = rank(TIERS);
const ladderRank = rank(LADDER_STAGES);
const lifecycleRank = rank(LIFECYCLE_STAGES);
const time = (date: Date | null) => date?.getTime() ?? null;

const SORT_KEYS: Record<PortfolioSort, (s: AccountSummary) => number | string | null> = {
  name: (s) => s.name.toLocaleLowerCase(),
  tier: (s) => tierRank(s.tier),
  ladder: (s) => ladderRank(s.ladderStage),
  lifecycle: (s) => lifecycleRank(s.lifecycleStage),
  health: (s) => s.health,
  trend: (s) => s.trend,
  nextReview: (s) => time(s.nextReviewAt),
  overdue: (s) => s.overdueActions,
  activity: (s) => time(s.lastActivityAt),
};

function compareValues(a: number | string | null, b: number | string | null, sign: number): number {
  // Missing values go last in either direction: "no health yet" is not the worst or the best.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (a === b) return 0;
  return (a < b ? -1 : 1) * sign;
}

/** Sorted by the view's column (grouped by tier first when asked), then by name so equal rows keep one order. */
export function sortSummaries(summaries: AccountSummary[], view: PortfolioView): AccountSummary[] {
  const key = SORT_KEYS[view.sort];
  const sign = sortDirection(view) === "asc" ? 1 : -1;
  const keyed = summaries.map((summary) => ({ summary, key: key(summary), name: SORT_KEYS.name(summary) }));
  keyed.sort(
    (a, b) =>
      (view.group === "tier" ? tierRank(a.summary.tier) - tierRank(b.summary.tier) : 0) ||
      compareValues(a.key, b.key, sign) ||
      compareValues(a.name, b.name, 1) ||
      a.summary.id.localeCompare(b.summary.id),
  );
  return keyed.map((entry) => entry.summary);
}

/** The charts above the table, over every account in the view (not only the page). */
export function portfolioCharts(summaries: AccountSummary[]) {
  const count = (stages: readonly string[], pick: (s: AccountSummary) => string) =>
    stages.map((stage) => ({ stage, count: summaries.filter((s) => pick(s) === stage).length }));
  const bands: HealthBand[] = ["critical", "weak", "fair", "strong", "none"];
  return {
    ladder: count(LADDER_STAGES, (s) => s.ladderStage),
    lifecycle: count(LIFECYCLE_STAGES, (s) => s.lifecycleStage),
    healthByTier: TIERS.map((tier) => {
      const ofTier = summaries.filter((s) => s.tier === tier);
      const counts = Object.fromEntries(bands.map((band) => [band, 0])) as Record<HealthBand, number>;
      for (const s of ofTier) counts[healthBand(s.health)]++;
      return { tier, ...counts };
    }),
  };
}
export type PortfolioCharts = ReturnType<typeof portfolioCharts>;

/** The people who lead a visible account, for the owner filter. */
async function leadOptions(db: Db, visible: Prisma.AccountWhereInput) {
  return db.user.findMany({
    where: { memberships: { some: { role: "lead", account: visible } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The page's rows with what only they show: team size, the viewer's role, lead names, health parts. */
async function pageDetails(db: Db, viewer: Viewer, rows: AccountSummary[], definitions: HealthDefinition[]) {
  const ids = rows.map((row) => row.id);
  const [members, parts] = await Promise.all([
    db.accountMember.findMany({
      where: { accountId: { in: ids } },
      select: { accountId: true, userId: true, role: true, user: { select: { name: true } } },
    }),
    pageHealthParts(db, definitions, rows),
  ]);
  return rows.map((row) => {
    const team = members.filter((m) => m.accountId === row.id);
    return {
      id: row.id,
      name: row.name,
      industry: row.industry,
      tier: row.tier,
      ladderStage: row.ladderStage,
      lifecycleStage: row.lifecycleStage,
      health: row.health,
      healthQuarter: row.healthQuarter,
      trend: row.trend,
      overdueActions: row.overdueActions,
      lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
      healthParts: (parts.get(row.id) ?? []).map(({ key, points, weight }) => ({
        key,
        points: Math.round(points),
        weight,
      })),
      attention: needsAttention(row),
      teamSize: team.length,
      myRole: team.find((m) => m.userId === viewer.id)?.role ?? null,
      leads: team.filter((m) => m.role === "lead").map((m) => m.user.name),
    };
  });
}

/** The portfolio as the viewer may see it, in the view's order, one page of rows. */
export async function loadPortfolio(db: Db, viewer: Viewer, view: PortfolioView, now = new Date()) {
  const visible = visibleWhere(viewer);
  const [visibleTotal, { summaries, definitions }, leads] = await Promise.all([
    db.account.count({ where: visible }),
    portfolioSummaries(db, filteredWhere(visible, view), now),
    leadOptions(db, visible),
  ]);
  const shown = view.attention ? summaries.filter(needsAttention) : summaries;
  const sorted = sortSummaries(shown, view);
  const pages = Math.max(1, Math.ceil(sorted.length / PORTFOLIO_PAGE_SIZE));
  const page = Math.min(view.page, pages);
  const rows = sorted.slice((page - 1) * PORTFOLIO_PAGE_SIZE, page * PORTFOLIO_PAGE_SIZE);
  const accounts = await pageDetails(db, viewer, rows, definitions);
  return {
    visibleTotal,
    total: sorted.length,
    page,
    pages,
    accounts,
    charts: portfolioCharts(shown),
    leads,
    definitions: definitions.map(({ key, name, nameZh, weight, target }) => ({ key, name, nameZh, weight, target })),
  };
}
