/**
 * What changed in a document's blocks between two moments (an approved
 * version and the document now), block by block: a signer needs to see that
 * a budget or a KPI threshold moved, not only that some text did. Pure.
 */
import type { CustomerRight, Initiative } from "./blocks";

/** An initiative as a signer reads it: its fields, and whether it sits in an internal section. */
export type InitiativeFields = Initiative & { internal: boolean };
export type RightFields = CustomerRight & { internal: boolean };

/**
 * The fields a signer signs for. The free text under an initiative is not
 * among them: the text comparison beside this one already shows it word by
 * word. Budget and currency are one field (an amount means nothing without
 * its currency), and so are a right's KPI, threshold and direction (its rule).
 */
export const INITIATIVE_FIELDS = ["title", "quarters", "department", "budget", "status", "goal", "internal"] as const;
export type InitiativeField = (typeof INITIATIVE_FIELDS)[number];

export const RIGHT_FIELDS = ["situation", "right", "department", "rule", "internal"] as const;
export type RightField = (typeof RIGHT_FIELDS)[number];

export type BlockChange<T, F extends string> =
  | { change: "added"; blockId: string; after: T }
  | { change: "removed"; blockId: string; before: T }
  | { change: "changed"; blockId: string; before: T; after: T; fields: F[] };

export interface BlockSet {
  initiatives: InitiativeFields[];
  rights: RightFields[];
}

export interface BlockChanges {
  initiatives: BlockChange<InitiativeFields, InitiativeField>[];
  rights: BlockChange<RightFields, RightField>[];
}

// Each field as a comparable string; JSON keeps null apart from "null" and "".
const initiativeValue: Record<InitiativeField, (b: InitiativeFields) => unknown> = {
  title: (b) => b.title,
  quarters: (b) => [b.startQuarter, b.endQuarter],
  department: (b) => b.department,
  // Without an amount the currency is only the editor's default: nothing to sign.
  budget: (b) => (b.budget === null ? null : [b.budget, b.currency]),
  status: (b) => b.status,
  goal: (b) => b.goal,
  internal: (b) => b.internal,
};

const rightValue: Record<RightField, (b: RightFields) => unknown> = {
  situation: (b) => b.situation,
  right: (b) => b.right,
  department: (b) => b.department,
  rule: (b) => [b.kpi, b.threshold, b.direction],
  internal: (b) => b.internal,
};

/**
 * Blocks matched by blockId: added, removed and changed ones with the fields
 * that differ. Moving a block elsewhere in the document is not a change. When
 * two blocks share an id the first one counts, as it does for the block index.
 * Added and changed blocks come in the order of `after`, then removed ones in
 * the order of `before`.
 */
export function compareBlocks(before: BlockSet, after: BlockSet): BlockChanges {
  return {
    initiatives: compareList(before.initiatives, after.initiatives, initiativeValue),
    rights: compareList(before.rights, after.rights, rightValue),
  };
}

function compareList<T extends { blockId: string }, F extends string>(
  before: T[],
  after: T[],
  values: Record<F, (block: T) => unknown>,
): BlockChange<T, F>[] {
  const earlier = byId(before);
  const later = byId(after);
  const fields = Object.keys(values) as F[];
  const changes: BlockChange<T, F>[] = [];
  for (const [blockId, now] of later) {
    const then = earlier.get(blockId);
    if (!then) {
      changes.push({ change: "added", blockId, after: now });
      continue;
    }
    const differ = fields.filter((field) => JSON.stringify(values[field](then)) !== JSON.stringify(values[field](now)));
    if (differ.length > 0) changes.push({ change: "changed", blockId, before: then, after: now, fields: differ });
  }
  for (const [blockId, then] of earlier) {
    if (!later.has(blockId)) changes.push({ change: "removed", blockId, before: then });
  }
  return changes;
}

function byId<T extends { blockId: string }>(blocks: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const block of blocks) if (!map.has(block.blockId)) map.set(block.blockId, block);
  return map;
}

/** How many blocks changed in each way, for a summary line. */
export function countChanges(changes: BlockChanges): { added: number; removed: number; changed: number } {
  const all = [...changes.initiatives, ...changes.rights];
  return {
    added: all.filter((c) => c.change === "added").length,
    removed: all.filter((c) => c.change === "removed").length,
    changed: all.filter((c) => c.change === "changed").length,
  };
}
