import { numberFormat } from "~/components/intl";
import type { MessageKey } from "~/i18n/i18n";
import {
  COST_FACTORS,
  isCostFactor,
  netValue,
  ROUND_ITEMS,
  VALUE_FACTORS,
  type CostFactor,
  type ItemAggregate,
  type ValueFactor,
} from "~/features/scoring-rounds/rounds";

/** The worksheet's eight factors, values first, in the formula's order. */
export const NET_VALUE_FACTORS = ROUND_ITEMS.net_value as readonly (ValueFactor | CostFactor)[];

export const FACTOR_GROUPS = [
  { key: "value", heading: "netValue.group.value", items: VALUE_FACTORS },
  { key: "cost", heading: "netValue.group.cost", items: COST_FACTORS },
] as const satisfies readonly { key: string; heading: MessageKey; items: readonly string[] }[];

export function factorName(factor: string): MessageKey {
  return `netValue.factor.${factor}` as MessageKey;
}

export function factorHint(factor: string): MessageKey {
  return `netValue.hint.${factor}` as MessageKey;
}

export interface NetValueSummary {
  /** Sum of the four values' means. */
  value: number;
  /** Sum of the four costs' means. */
  cost: number;
  /** value − cost; null when a factor has no score (see `netValue`). */
  net: number | null;
}

/** The totals a quarter is compared by; unscored factors count as nothing in the partial sums. */
export function summarize(aggregates: readonly ItemAggregate[]): NetValueSummary {
  let value = 0;
  let cost = 0;
  for (const a of aggregates) {
    if (a.mean == null) continue;
    if (isCostFactor(a.item)) cost += a.mean;
    else value += a.mean;
  }
  return { value, cost, net: netValue(aggregates) };
}

export interface WaterfallStep {
  /** A factor, or "net" for the closing bar. */
  item: string;
  /** The bar runs between these two running totals (low first, so negative totals draw too). */
  range: [number, number];
  /** What the step adds (negative for costs); the net bar's value is the total. */
  change: number;
  kind: "value" | "cost" | "net";
}

/**
 * The waterfall from zero: each value raises the running total, each cost
 * lowers it, and a last bar stands from zero to where it ends — the net value.
 */
export function waterfall(aggregates: readonly ItemAggregate[]): WaterfallStep[] {
  let total = 0;
  const steps: WaterfallStep[] = [];
  for (const factor of NET_VALUE_FACTORS) {
    const mean = aggregates.find((a) => a.item === factor)?.mean ?? 0;
    const change = isCostFactor(factor) ? -mean : mean;
    const before = total;
    total += change;
    steps.push({
      item: factor,
      range: [Math.min(before, total), Math.max(before, total)],
      change,
      kind: isCostFactor(factor) ? "cost" : "value",
    });
  }
  steps.push({ item: "net", range: [Math.min(0, total), Math.max(0, total)], change: total, kind: "net" });
  return steps;
}

/** Scores and means as the page shows them: one decimal, in the reader's locale. */
export function formatScore(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(value);
}

/** A signed number ("+3.5", "−2"), for net values and waterfall steps. */
export function formatSigned(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
}
