/** KPIs per account per quarter: quarters, value checks and the health score. Pure: used by server and browser. */

export const KPI_UNITS = ["currency", "percent", "score", "count"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];
export const KPI_DIRECTIONS = ["higher_better", "lower_better"] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** Quarters the page shows and the form offers, the current one included. */
export const KPI_QUARTERS_SHOWN = 8;

/** A CSV import is one team's quarter-end numbers, not a data warehouse dump. */
export const KPI_IMPORT_LIMITS = { maxRows: 2000, maxBytes: 200 * 1024 } as const;

/** Highest customer satisfaction score (the 0–10 scale of the seeds' surveys). */
export const SCORE_MAX = 10;

const QUARTER = /^(\d{4})-Q([1-4])$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** `2026-Q3` → { year: 2026, quarter: 3 }; null when malformed or outside 2000–2100. */
export function parseQuarter(text: string): Quarter | null {
  const match = QUARTER.exec(text.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  return { year, quarter: Number(match[2]) as Quarter["quarter"] };
}

export function formatQuarter({ year, quarter }: Quarter): string {
  return `${year}-Q${quarter}`;
}

/** The quarter a moment falls in (UTC, so server and browser agree). */
export function quarterOf(date: Date): Quarter {
  return { year: date.getUTCFullYear(), quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as Quarter["quarter"] };
}

const ordinal = (q: Quarter) => q.year * 4 + q.quarter - 1;
const fromOrdinal = (n: number): Quarter => ({ year: Math.floor(n / 4), quarter: ((n % 4) + 1) as Quarter["quarter"] });

/** Orders `YYYY-Qn` strings; both must be valid quarters. */
export function compareQuarters(a: string, b: string): number {
  const qa = parseQuarter(a);
  const qb = parseQuarter(b);
  if (!qa || !qb) throw new Error(`Not a quarter: ${qa ? b : a}`);
  return ordinal(qa) - ordinal(qb);
}

/** The first moment of a quarter (UTC). */
export function quarterStart({ year, quarter }: Quarter): Date {
  return new Date(Date.UTC(year, (quarter - 1) * 3, 1));
}

/** The last `count` quarters up to and including the current one, oldest first. */
export function recentQuarters(now: Date, count = KPI_QUARTERS_SHOWN): string[] {
  const current = ordinal(quarterOf(now));
  return Array.from({ length: count }, (_, i) => formatQuarter(fromOrdinal(current - count + 1 + i)));
}

/** Why a quarter is refused: not `YYYY-Qn` in 2000–2100, or after the current quarter (no results yet). */
export function quarterProblem(text: string, now: Date): "malformed" | "future" | null {
  const quarter = parseQuarter(text);
  if (!quarter) return "malformed";
  return ordinal(quarter) > ordinal(quarterOf(now)) ? "future" : null;
}

/**
 * A plain decimal ("12", "-3.5", ".5"); null for anything else. Number() alone
 * would take "", "1e3", "0x10" and "Infinity", none of which a person means as a KPI.
 */
export function parseKpiNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export type KpiValueProblem = "notNumber" | "negative" | "percentRange" | "scoreRange";

/** Margin is the one KPI that can honestly go below zero (selling at a loss). */
const mayBeNegative = (key: string) => key === "margin";

/** The number in a form field or CSV cell for this KPI, or why it is refused. */
export function checkKpiValue(
  definition: { key: string; unit: string },
  text: string,
): { value: number; problem: null } | { value: null; problem: KpiValueProblem } {
  const value = parseKpiNumber(text);
  const refuse = (problem: KpiValueProblem) => ({ value: null, problem });
  if (value === null) return refuse("notNumber");
  if (value < 0 && !mayBeNegative(definition.key)) return refuse("negative");
  if (definition.unit === "percent" && value > 100) return refuse("percentRange");
  if (definition.unit === "score" && value > SCORE_MAX) return refuse("scoreRange");
  return { value, problem: null };
}

export interface HealthDefinition {
  key: string;
  direction: string;
  /** Null: the KPI is reported but not scored (revenue has no universal target). */
  target: number | null;
  weight: number;
}

/** One KPI's share of the score, as the page explains it. */
export interface HealthPart {
  key: string;
  value: number;
  target: number;
  points: number;
  weight: number;
}

export interface Health {
  /** 0–100, or null when no scored KPI has a value in the quarter. */
  score: number | null;
  parts: HealthPart[];
  /** Σ points × weight and Σ weight, so the page can show the division it did. */
  weightedSum: number;
  totalWeight: number;
}

/**
 * Points out of 100 for one KPI: how close it is to its target, capped at the
 * target. Lower-is-better KPIs at 0 (no open tickets) are perfect. A negative
 * margin earns nothing rather than dragging other KPIs' points below zero.
 */
export function kpiPoints(direction: string, value: number, target: number): number {
  // Targets are positive (the definition form refuses others), so the only division by zero is a lower-is-better 0.
  const ratio = direction === "lower_better" ? (value <= 0 ? 1 : target / value) : value / target;
  return Math.max(0, Math.min(100, ratio * 100));
}

/** The health score of one quarter: the weighted mean of the points of the scored KPIs that have a value. */
export function healthScore(
  definitions: readonly HealthDefinition[],
  values: Readonly<Record<string, number>>,
): Health {
  const parts: HealthPart[] = [];
  for (const definition of definitions) {
    const value = values[definition.key];
    if (definition.target === null || value === undefined || definition.weight <= 0) continue;
    const points = kpiPoints(definition.direction, value, definition.target);
    parts.push({ key: definition.key, value, target: definition.target, points, weight: definition.weight });
  }
  const weightedSum = parts.reduce((sum, part) => sum + part.points * part.weight, 0);
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  return { score: totalWeight > 0 ? Math.round(weightedSum / totalWeight) : null, parts, weightedSum, totalWeight };
}

/** One non-blank CSV line split into cells, with its line number in the file (1 = first line). */
export interface CsvLine {
  line: number;
  cells: string[];
}

/**
 * Splits CSV text into cells: commas, double-quoted cells ("" is a quote), CRLF
 * or LF, a leading byte-order mark (spreadsheets add one). Quoted cells spanning
 * lines are not supported: KPI cells are short, and line numbers stay exact.
 */
export function splitCsv(text: string): CsvLine[] {
  const lines: CsvLine[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      if (raw.trim() === "") return;
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < raw.length; i++) {
        const char = raw[i];
        if (quoted) {
          if (char === '"' && raw[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (char === '"') quoted = false;
          else cell += char;
        } else if (char === '"') quoted = true;
        else if (char === ",") {
          cells.push(cell);
          cell = "";
        } else cell += char;
      }
      cells.push(cell);
      lines.push({ line: index + 1, cells });
    });
  return lines;
}
