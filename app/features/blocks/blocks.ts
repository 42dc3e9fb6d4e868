/**
 * Structured blocks inside the live documents: a roadmap's initiatives and a
 * bill of rights' rights, stored as TipTap nodes in the Yjs document (each
 * field its own attribute, so two people editing two fields of one block both
 * keep their change). Pure: the editor, the server's extraction, the pages and
 * the exports all read blocks through these definitions.
 */
import { z } from "zod";

export const INITIATIVE_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** External goals are promised to the customer; internal ones are the team's own. */
export const GOAL_TYPES = ["external", "internal"] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

/** Which side of the threshold keeps a right: at least (service timeliness ≥ 95 %) or at most (complaints ≤ 3). */
export const RIGHT_DIRECTIONS = ["at_least", "at_most"] as const;
export type RightDirection = (typeof RIGHT_DIRECTIONS)[number];

export const CURRENCIES = ["CNY", "USD", "EUR", "GBP", "JPY"] as const;

/** A right is at risk when it holds by less than this share of its threshold. */
export const AT_RISK_MARGIN = 0.02;

/** The node names in the document schema (the Yjs element names). */
export const BLOCK_NODES = { initiative: "initiative", right: "customerRight", internal: "internalSection" } as const;

const QUARTER = /^\d{4}-Q[1-4]$/;

// Attributes come from a shared document anyone on the team can write, through any client: every
// field is checked, and text is bounded so one block cannot fill a page.
const text = (max: number) => z.string().trim().max(max);
const optionalNumber = z.preprocess(
  (value) => (value === "" || value === undefined ? null : typeof value === "string" ? Number(value) : value),
  z.number().finite().nullable(),
);

export const InitiativeAttrs = z
  .object({
    blockId: z.string().min(1).max(64),
    /** Empty while someone is still typing it: shown as untitled, never dropped. */
    title: text(200).default(""),
    startQuarter: z.string().regex(QUARTER),
    endQuarter: z.string().regex(QUARTER).nullable().default(null),
    /** A department key; empty until the team picks one. */
    department: text(40).default(""),
    budget: optionalNumber.refine((value) => value === null || value >= 0, "budget below zero").default(null),
    currency: z.enum(CURRENCIES).default("CNY"),
    status: z.enum(INITIATIVE_STATUSES).default("planned"),
    goal: z.enum(GOAL_TYPES).default("external"),
  })
  .refine((a) => a.endQuarter === null || a.endQuarter >= a.startQuarter, "ends before it starts");
export type Initiative = z.infer<typeof InitiativeAttrs>;

export const RightAttrs = z
  .object({
    blockId: z.string().min(1).max(64),
    situation: text(300).default(""),
    right: text(500).default(""),
    department: text(40).default(""),
    kpi: text(60).nullable().default(null),
    threshold: optionalNumber.default(null),
    direction: z.enum(RIGHT_DIRECTIONS).default("at_least"),
  })
  // A right whose KPI or threshold is not filled in yet is kept, and reads as not measured.
  .transform((a) => ({ ...a, kpi: a.kpi === "" ? null : a.kpi }));
export type CustomerRight = z.infer<typeof RightAttrs>;

/** "2026-Q4" of a date (UTC). */
export function quarterOfDate(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** The quarter `by` quarters after (or before, when negative) `quarter`. */
export function shiftQuarter(quarter: string, by: number): string {
  const [year, q] = quarter.split("-Q").map(Number);
  const n = year * 4 + (q - 1) + by;
  return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
}

/** The quarters an initiative runs through, first to last. */
export function quartersOf(initiative: Pick<Initiative, "startQuarter" | "endQuarter">): string[] {
  const end = initiative.endQuarter ?? initiative.startQuarter;
  const out = [initiative.startQuarter];
  // Bounded: ten years is longer than any roadmap.
  while (out.length < 40 && out[out.length - 1] < end) out.push(shiftQuarter(out[out.length - 1], 1));
  return out;
}

export const RIGHT_STATUSES = ["kept", "at_risk", "broken", "not_measured"] as const;
export type RightStatus = (typeof RIGHT_STATUSES)[number];

/**
 * Where a right stands in a quarter, from the KPI it is measured by: broken
 * when the value misses the threshold, at risk when it holds by less than
 * AT_RISK_MARGIN of the threshold, kept otherwise; not measured without a KPI,
 * a threshold or a value that quarter.
 */
export function rightStatus(
  right: Pick<CustomerRight, "kpi" | "threshold" | "direction">,
  value: number | null | undefined,
): RightStatus {
  if (!right.kpi || right.threshold === null || value === null || value === undefined) return "not_measured";
  const { threshold } = right;
  const margin = Math.abs(threshold) * AT_RISK_MARGIN;
  if (right.direction === "at_least") {
    if (value < threshold) return "broken";
    return value < threshold + margin ? "at_risk" : "kept";
  }
  if (value > threshold) return "broken";
  return value > threshold - margin ? "at_risk" : "kept";
}

/** A right as the scorecard and the notices read it: where it is, what it says, and how it stands in a quarter. */
export interface RightStanding {
  documentId: string;
  blockId: string;
  situation: string;
  right: string;
  department: string;
  kpi: string | null;
  threshold: number | null;
  direction: RightDirection;
  internal: boolean;
  /** The KPI's value in the quarter, null when it has none. */
  value: number | null;
  status: RightStatus;
}
