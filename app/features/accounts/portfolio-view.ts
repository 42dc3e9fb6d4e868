/**
 * The portfolio's computed view over account summaries: why an account needs
 * attention, the order of the rows, and the charts' counts. Pure, so the rules
 * are tested on known summaries without a database.
 */
import type { ApprovalStatus } from "~/features/approvals/approval.schema";
import type { PortfolioReview } from "~/features/reviews/review";
import type { LatestResult } from "~/features/scoring-rounds/rounds";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS, type AccountBasics } from "~/shared/domain";
import {
  ATTENTION_HEALTH,
  healthBand,
  sortDirection,
  type AttentionReason,
  type HealthBand,
  type PortfolioSort,
  type PortfolioView,
} from "./portfolio.schema";

/** What the table sorts and filters on, for every account in the view. */
export interface AccountSummary extends AccountBasics, Omit<LatestResult, "quarter"> {
  /** Health of the latest quarter with KPI values, 0–100. */
  health: number | null;
  healthQuarter: string | null;
  /** Health change against the quarter before that one. */
  trend: number | null;
  nextReviewAt: Date | null;
  overdueActions: number;
  lastActivityAt: Date | null;
  /** How many of the roadmap, account plan and bill of rights stand at each approval status (drafts not counted). */
  approvals: Partial<Record<ApprovalStatus, number>>;
  /** Rights of the bill of rights broken in the latest quarter with KPI values. */
  brokenRights: number;
}

/** One row of the table as the page receives it: the summary plus what only the page's rows carry. */
export interface PortfolioRowData extends Omit<AccountSummary, "nextReviewAt" | "lastActivityAt"> {
  lastActivityAt: string | null;
  /** How the health score was reached: each KPI's points and weight. */
  healthParts: { key: string; points: number; weight: number }[];
  /** The roadmap, account plan and bill of rights, each with its approval status. */
  documents: { id: string; kind: string; title: string; status: ApprovalStatus }[];
  attention: boolean;
  attentionReasons: AttentionReason[];
  teamSize: number;
  myRole: string | null;
  leads: string[];
  reviews: PortfolioReview;
}

/** Why an account needs attention: weak or falling health, overdue actions, a document changed after its approval, broken rights. */
export function attentionReasons(
  summary: Pick<AccountSummary, "health" | "trend" | "overdueActions" | "approvals" | "brokenRights">,
): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (summary.health !== null && summary.health < ATTENTION_HEALTH) reasons.push("lowHealth");
  if (summary.trend !== null && summary.trend < 0) reasons.push("falling");
  if (summary.overdueActions > 0) reasons.push("overdue");
  if ((summary.approvals.approved_changed ?? 0) > 0) reasons.push("changedSinceApproval");
  if (summary.brokenRights > 0) reasons.push("brokenRights");
  return reasons;
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
  // Most documents approved first; among equals, most in review (an account has a handful of documents).
  approvals: (s) => (s.approvals.approved ?? 0) * 1000 + (s.approvals.in_review ?? 0),
  nextReview: (s) => time(s.nextReviewAt),
  overdue: (s) => s.overdueActions,
  activity: (s) => time(s.lastActivityAt),
  maturity: (s) => s.meanMaturity,
  netValue: (s) => s.netValue,
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

interface StageCount {
  stage: string;
  count: number;
}

export interface PortfolioChartData {
  ladder: StageCount[];
  lifecycle: StageCount[];
  healthByTier: ({ tier: string } & Record<HealthBand, number>)[];
}

/** The charts above the table, over every account in the view (not only the page). */
export function portfolioCharts(summaries: AccountSummary[]): PortfolioChartData {
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
