// The portfolio: one summary per visible account, from a fixed number of batched queries, sorted and paged here.
import { Prisma } from "@prisma/client";
import { today } from "~/features/action-items/action-item-views.server";
import { approvalCounts, portfolioApprovals } from "~/features/approvals/approval-queries.server";
import { brokenRights } from "~/features/blocks/rights-status.server";
import { seesWholePortfolio } from "~/features/auth/permissions.server";
import { healthScore, recentQuarters, type HealthPart } from "~/features/kpis/kpi";
import type { KpiDefinitionView } from "~/features/kpis/kpi.schema";
import { listKpiDefinitions } from "~/features/kpis/kpi.server";
import { portfolioHealth } from "~/features/kpis/portfolio-health.server";
import { portfolioReviews } from "~/features/reviews/review.server";
import { latestResults } from "~/features/scoring-rounds/round-queries.server";
import type { AccountBasics } from "~/shared/domain";
import type { AccountScope, Db } from "~/utils/db.server";
import type { PortfolioView } from "./portfolio.schema";
import {
  attentionReasons,
  portfolioCharts,
  sortSummaries,
  type AccountSummary,
  type PortfolioRowData,
} from "./portfolio-view";

export const PORTFOLIO_PAGE_SIZE = 50;

interface Viewer {
  id: string;
  workspaceRole: string;
}

// Archived accounts leave the portfolio (their team still opens them by address).
function visibleWhere(viewer: Viewer): Prisma.AccountWhereInput {
  return seesWholePortfolio(viewer.workspaceRole)
    ? { archivedAt: null }
    : { archivedAt: null, members: { some: { userId: viewer.id } } };
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The accounts the viewer may see, narrowed by the view's filters; "needs attention" is judged on the summaries. */
function viewFilter(viewer: Viewer, view: PortfolioView): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`a."archivedAt" IS NULL`];
  if (!seesWholePortfolio(viewer.workspaceRole)) {
    and.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "AccountMember" m WHERE m."accountId" = a.id AND m."userId" = ${viewer.id})`,
    );
  }
  if (view.q) {
    const pattern = containing(view.q);
    and.push(Prisma.sql`(LOWER(a.name) LIKE ${pattern} ESCAPE '\\' OR LOWER(a.industry) LIKE ${pattern} ESCAPE '\\')`);
  }
  if (view.tier) and.push(Prisma.sql`a.tier = ${view.tier}`);
  if (view.ladder) and.push(Prisma.sql`a."ladderStage" = ${view.ladder}`);
  if (view.lifecycle) and.push(Prisma.sql`a."lifecycleStage" = ${view.lifecycle}`);
  if (view.owner) {
    and.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "AccountMember" o WHERE o."accountId" = a.id AND o."userId" = ${view.owner} AND o.role = 'lead')`,
    );
  }
  return Prisma.join(and, " AND ");
}

interface AccountRow extends AccountBasics {
  overdueActions: number | bigint;
  /** Text on SQLite, a Date on PostgreSQL. */
  lastActivityAt: string | Date | null;
  nextReviewAt: string | Date | null;
}

const asDate = (value: string | Date | null) => (value === null ? null : new Date(value));

/**
 * The view's accounts with the columns an index answers per account: overdue
 * action items, last activity, next review. One statement; the subqueries each
 * read an index on the account's id.
 */
function accountRows(db: Db, filter: Prisma.Sql) {
  // Due dates are days at midnight UTC: "before today" compares with today's date alone.
  const todayDate = today();
  return db.$queryRaw<AccountRow[]>`
    SELECT a.id, a.name, a.industry, a.tier, a."ladderStage", a."lifecycleStage",
      (SELECT COUNT(*) FROM "ActionItem" i
        WHERE i."accountId" = a.id AND i.status IN ('open', 'in_progress') AND i."dueDate" < ${todayDate}) AS "overdueActions",
      (SELECT MAX(x."updatedAt") FROM "Activity" x WHERE x."accountId" = a.id) AS "lastActivityAt",
      (SELECT MIN(r."scheduledAt") FROM "Review" r
        WHERE r."accountId" = a.id AND r.status IN ('scheduled', 'live')) AS "nextReviewAt"
    FROM "Account" a WHERE ${filter}`;
}

/** How the page's rows' health scores were reached: each KPI's points and weight. */
async function pageHealthParts(db: Db, definitions: KpiDefinitionView[], rows: AccountSummary[]) {
  const scored = rows.filter((row) => row.healthQuarter !== null);
  const values = await db.kpiValue.findMany({
    where: {
      accountId: { in: scored.map((row) => row.id) },
      quarter: { in: [...new Set(scored.map((row) => row.healthQuarter ?? ""))] },
    },
    select: { accountId: true, quarter: true, value: true, kpiId: true },
  });
  const keys = new Map(definitions.map((definition) => [definition.id, definition.key]));
  const quarterOf = new Map(scored.map((row) => [row.id, row.healthQuarter]));
  const byAccount = new Map<string, Record<string, number>>();
  for (const value of values) {
    const key = keys.get(value.kpiId);
    if (key === undefined || quarterOf.get(value.accountId) !== value.quarter) continue;
    const entry = byAccount.get(value.accountId) ?? {};
    entry[key] = value.value;
    byAccount.set(value.accountId, entry);
  }
  return new Map<string, HealthPart[]>(
    scored.map((row) => [row.id, healthScore(definitions, byAccount.get(row.id) ?? {}).parts]),
  );
}

/**
 * Every account of the view with its computed columns: a fixed number of
 * queries, however many accounts. `wholePortfolio` says the view's accounts are
 * among every account, so the columns computed over all accounts need no list of ids.
 */
export async function portfolioSummaries(db: Db, filter: Prisma.Sql, wholePortfolio: boolean, now = new Date()) {
  const accounts = await accountRows(db, filter);
  const scope: AccountScope = wholePortfolio ? "all" : accounts.map((account) => account.id);
  const definitions = await listKpiDefinitions(db);
  const quarters = recentQuarters(now);
  const [health, approvals, results, broken] = await Promise.all([
    portfolioHealth(db, quarters, definitions),
    approvalCounts(db, scope),
    latestResults(db, scope),
    brokenRights(db, quarters),
  ]);
  const summaries: AccountSummary[] = accounts.map((account) => {
    const h = health.get(account.id);
    const result = results[account.id];
    return {
      id: account.id,
      name: account.name,
      industry: account.industry,
      tier: account.tier,
      ladderStage: account.ladderStage,
      lifecycleStage: account.lifecycleStage,
      health: h?.health ?? null,
      healthQuarter: h?.quarter ?? null,
      trend: h?.trend ?? null,
      nextReviewAt: asDate(account.nextReviewAt),
      overdueActions: Number(account.overdueActions),
      lastActivityAt: asDate(account.lastActivityAt),
      approvals: approvals[account.id] ?? {},
      brokenRights: broken.get(account.id) ?? 0,
      meanMaturity: result?.meanMaturity ?? null,
      meanMaturityQuarter: result?.meanMaturityQuarter ?? null,
      netValue: result?.netValue ?? null,
      netValueQuarter: result?.netValueQuarter ?? null,
    };
  });
  return { summaries, definitions };
}

/** The people who lead a visible account, for the owner filter. */
async function leadOptions(db: Db, visible: Prisma.AccountWhereInput) {
  return db.user.findMany({
    where: { memberships: { some: { role: "lead", account: visible } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The page's rows with what only they show: team size, the viewer's role, lead names, health parts, reviews. */
async function pageDetails(db: Db, viewer: Viewer, rows: AccountSummary[], definitions: KpiDefinitionView[]) {
  const ids = rows.map((row) => row.id);
  const [members, parts, reviews, documents] = await Promise.all([
    db.accountMember.findMany({
      where: { accountId: { in: ids } },
      select: { accountId: true, userId: true, role: true, user: { select: { name: true } } },
    }),
    pageHealthParts(db, definitions, rows),
    portfolioReviews(db, ids),
    portfolioApprovals(db, ids),
  ]);
  return rows.map((row): PortfolioRowData => {
    const team = members.filter((m) => m.accountId === row.id);
    const reasons = attentionReasons(row);
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
      attention: reasons.length > 0,
      attentionReasons: reasons,
      teamSize: team.length,
      myRole: team.find((m) => m.userId === viewer.id)?.role ?? null,
      leads: team.filter((m) => m.role === "lead").map((m) => m.user.name),
      approvals: row.approvals,
      brokenRights: row.brokenRights,
      documents: documents[row.id] ?? [],
      reviews: reviews[row.id] ?? { last: null, next: null },
      meanMaturity: row.meanMaturity,
      meanMaturityQuarter: row.meanMaturityQuarter,
      netValue: row.netValue,
      netValueQuarter: row.netValueQuarter,
    };
  });
}

/** The portfolio as the viewer may see it, in the view's order, one page of rows. */
export async function loadPortfolio(db: Db, viewer: Viewer, view: PortfolioView, now = new Date()) {
  const visible = visibleWhere(viewer);
  const [visibleTotal, { summaries, definitions }, leads] = await Promise.all([
    db.account.count({ where: visible }),
    portfolioSummaries(db, viewFilter(viewer, view), seesWholePortfolio(viewer.workspaceRole), now),
    leadOptions(db, visible),
  ]);
  const shown = view.attention ? summaries.filter((summary) => attentionReasons(summary).length > 0) : summaries;
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
    view: { ...view, page },
    accounts,
    charts: portfolioCharts(shown),
    leads,
    seesAll: seesWholePortfolio(viewer.workspaceRole),
    definitions: definitions.map(({ key, name, nameZh, weight, target }) => ({ key, name, nameZh, weight, target })),
  };
}
