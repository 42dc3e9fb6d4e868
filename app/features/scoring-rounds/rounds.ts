/**
 * Scoring rounds: each team member scores alone, the lead reveals, the team
 * reads the aggregate. Two kinds share the mechanics — the capability
 * assessment (seven elements of customer-management capability, maturity 1–5)
 * and the net customer value worksheet (four values minus four costs, 0–10).
 * Pure: used by the server and the browser.
 */

export const ROUND_KINDS = ["capability", "net_value"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** The seven elements of the customer-management capability model, in the model's order. */
export const CAPABILITY_ELEMENTS = [
  "leadership",
  "strategic_planning",
  "people_organisation",
  "resource_allocation",
  "information_technology",
  "operations",
  "outcomes",
] as const;
export type CapabilityElement = (typeof CAPABILITY_ELEMENTS)[number];

/** What the customer gets… */
export const VALUE_FACTORS = ["service", "product", "people", "image"] as const;
/** …and what it costs them: net value is the first sum minus the second. */
export const COST_FACTORS = ["price", "time", "energy", "psychic"] as const;
export type ValueFactor = (typeof VALUE_FACTORS)[number];
export type CostFactor = (typeof COST_FACTORS)[number];

export const ROUND_ITEMS: Record<RoundKind, readonly string[]> = {
  capability: CAPABILITY_ELEMENTS,
  net_value: [...VALUE_FACTORS, ...COST_FACTORS],
};

export const SCORE_RANGE: Record<RoundKind, { min: number; max: number }> = {
  capability: { min: 1, max: 5 },
  net_value: { min: 0, max: 10 },
};

export const MAX_EVIDENCE_LENGTH = 2000;

export function isRoundKind(value: unknown): value is RoundKind {
  return value === "capability" || value === "net_value";
}

export function isRoundItem(kind: RoundKind, item: string): boolean {
  return ROUND_ITEMS[kind].includes(item);
}

export function isCostFactor(item: string): item is CostFactor {
  return (COST_FACTORS as readonly string[]).includes(item);
}

export interface ItemScore {
  item: string;
  score: number;
}

export interface ItemAggregate {
  item: string;
  /** null when nobody scored the item. */
  mean: number | null;
  min: number | null;
  max: number | null;
  count: number;
}

/** An account's latest revealed results, for the account page and the portfolio. */
export interface LatestResult {
  meanMaturity: number | null;
  meanMaturityQuarter: string | null;
  netValue: number | null;
  netValueQuarter: string | null;
  /** The later of the two quarters. */
  quarter: string | null;
}

/** Mean, spread and number of scorers per item, in the kind's item order. */
export function aggregate(kind: RoundKind, scores: readonly ItemScore[]): ItemAggregate[] {
  return ROUND_ITEMS[kind].map((item) => {
    const values = scores.filter((s) => s.item === item).map((s) => s.score);
    if (values.length === 0) return { item, mean: null, min: null, max: null, count: 0 };
    const sum = values.reduce((a, b) => a + b, 0);
    return {
      item,
      mean: sum / values.length,
      min: Math.min(...values),
      max: Math.max(...values),
      count: values.length,
    };
  });
}

/**
 * Net customer value: the mean scores of service, product, people and image
 * value minus those of price, time, energy and psychic cost. null until every
 * factor has at least one score — a missing cost would flatter the account.
 */
export function netValue(aggregates: readonly ItemAggregate[]): number | null {
  let total = 0;
  for (const item of ROUND_ITEMS.net_value) {
    const mean = aggregates.find((a) => a.item === item)?.mean;
    if (mean == null) return null;
    total += isCostFactor(item) ? -mean : mean;
  }
  return total;
}

/** The mean of the elements' means: one number for the team's capability; null if nothing was scored. */
export function meanMaturity(aggregates: readonly ItemAggregate[]): number | null {
  const means = aggregates.map((a) => a.mean).filter((m): m is number => m != null);
  return means.length === 0 ? null : means.reduce((a, b) => a + b, 0) / means.length;
}

/** The one number a revealed round stands for: mean maturity, or net value. */
export function roundResult(kind: RoundKind, scores: readonly ItemScore[]): number | null {
  const items = aggregate(kind, scores);
  return kind === "capability" ? meanMaturity(items) : netValue(items);
}

export interface Gap {
  item: string;
  mean: number;
  target: number;
  /** target − mean, > 0. */
  gap: number;
}

/** Elements below their target, widest gap first (ties in the model's order). */
export function rankGaps(
  aggregates: readonly ItemAggregate[],
  targets: readonly { item: string; level: number }[],
): Gap[] {
  const gaps: Gap[] = [];
  for (const a of aggregates) {
    const target = targets.find((t) => t.item === a.item)?.level;
    if (a.mean == null || target == null || target <= a.mean) continue;
    gaps.push({ item: a.item, mean: a.mean, target, gap: target - a.mean });
  }
  return gaps.sort((x, y) => y.gap - x.gap);
}

/** Who has scored every item of the round (a member who scored some items has not finished). */
export function finishedScorers(kind: RoundKind, scores: readonly (ItemScore & { userId: string })[]): Set<string> {
  const items = new Map<string, Set<string>>();
  for (const s of scores) {
    const set = items.get(s.userId) ?? new Set<string>();
    set.add(s.item);
    items.set(s.userId, set);
  }
  const all = ROUND_ITEMS[kind].length;
  return new Set([...items].filter(([, set]) => set.size === all).map(([userId]) => userId));
}

/** What a page shows of a round, shaped for the reader: others' scores appear only as the revealed aggregate. */
export interface RoundView {
  id: string;
  accountId: string;
  kind: RoundKind;
  quarter: string;
  status: "open" | "revealed";
  requireEvidence: boolean;
  openedAt: string;
  revealedAt: string | null;
  /** The reader may score (a lead or member of the team, round open). */
  canScore: boolean;
  /** The reader runs the round (the account's lead): targets, reveal. */
  canManage: boolean;
  /** The reader's own scores, always visible to them. */
  myScores: { item: string; score: number; evidence: string }[];
  progress: { finished: number; total: number; scorers: { id: string; name: string; finished: boolean }[] };
  targets: { item: string; level: number }[];
  /** null until the round is revealed. */
  aggregate: ItemAggregate[] | null;
  /** Everyone's evidence, without names, once revealed (null before). */
  evidence: { item: string; text: string }[] | null;
}
