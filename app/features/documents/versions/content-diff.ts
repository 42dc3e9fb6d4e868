import type { JSONContent } from "@tiptap/core";
import { diffArrays, type ArrayChange } from "diff";
import { BLOCK_NODES, InitiativeAttrs, RightAttrs } from "~/features/blocks/blocks";

/**
 * What changed between two versions of a document, as a flat list of blocks in
 * reading order. Pure, so the browser and the server can both run it; the
 * sequence diff itself is the `diff` package's Myers.
 *
 * Marks are ignored on purpose: a version diff answers "what does it say now",
 * and bold or a link added to unchanged words is not something to review.
 */

export type BlockKind =
  | "heading"
  | "paragraph"
  | "listItem"
  | "taskItem"
  | "tableRow"
  | "blockquote"
  | "codeBlock"
  | "horizontalRule"
  | "initiative"
  | "customerRight"
  | "other";

export type DiffOp = "same" | "insert" | "delete";

export type DiffPart = { text: string; op: DiffOp };

/** Block attributes that change a block's identity without changing its text. */
export type BlockAttrs = {
  /** Heading level. */
  level?: number;
  /** Task items: ticked or not. */
  checked?: boolean;
  /** List and task items: nesting depth, 0 for a top-level item. */
  depth?: number;
  /** List items: in a numbered list. */
  ordered?: boolean;
};

export type DiffBlock = BlockAttrs & {
  kind: BlockKind;
  /** Ordered list items: the item's number in the version it is shown from. */
  number?: number;
  change: "same" | "added" | "removed" | "changed";
  /** Changed blocks: the old value of each attribute that differs. */
  was?: BlockAttrs;
  parts: DiffPart[];
};

export type DiffSummary = { added: number; removed: number; changed: number };

type Block = BlockAttrs & {
  kind: BlockKind;
  number?: number;
  text: string;
  key: string;
  /** A structured block's id: a removed block is shown changed into an added one only when it is the same block. */
  identity?: string;
};

// ---------------------------------------------------------------------------
// Flattening
// ---------------------------------------------------------------------------

const LISTS = new Set(["bulletList", "orderedList", "taskList"]);

/** A hard break reads as a space, and so does the boundary between two blocks (in a table cell, say). */
function plainText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return " ";
  const children = node.content ?? [];
  return children.some((child) => child.type === "text") ? children.map(plainText).join("") : blocksText(children);
}

function blocksText(nodes: JSONContent[]): string {
  return nodes.map(plainText).join(" ");
}

function makeBlock(kind: BlockKind, text: string, attrs: BlockAttrs = {}, number?: number): Block {
  const key = JSON.stringify([kind, attrs.level, attrs.checked, attrs.depth, attrs.ordered, text]);
  const block: Block = { kind, text, key, ...attrs };
  if (number !== undefined) block.number = number;
  return block;
}

function withIdentity(block: Block, blockId: unknown): Block {
  if (typeof blockId === "string") block.identity = blockId;
  return block;
}

function flattenList(list: JSONContent, depth: number, out: Block[]): void {
  const ordered = list.type === "orderedList";
  const start = typeof list.attrs?.start === "number" ? list.attrs.start : 1;
  (list.content ?? []).forEach((item, index) => {
    const children = item.content ?? [];
    const own = children.filter((child) => !LISTS.has(child.type ?? ""));
    const text = blocksText(own);
    if (item.type === "taskItem") {
      out.push(makeBlock("taskItem", text, { checked: item.attrs?.checked === true, depth }));
    } else {
      out.push(makeBlock("listItem", text, { depth, ordered }, ordered ? start + index : undefined));
    }
    for (const child of children) if (LISTS.has(child.type ?? "")) flattenList(child, depth + 1, out);
  });
}

const field = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : String(value));

// Stored attributes leave out values at their default; the schema puts them back so both versions read alike.
const withDefaults = (schema: typeof InitiativeAttrs | typeof RightAttrs, attrs: Record<string, unknown>) => {
  const present = Object.fromEntries(
    Object.entries(attrs).filter(([, value]) => value !== null && value !== undefined),
  );
  const parsed = schema.safeParse(present);
  return parsed.success ? { ...attrs, ...parsed.data } : attrs;
};

function initiativeLine(raw: Record<string, unknown>): string {
  const a: Record<string, unknown> = withDefaults(InitiativeAttrs, raw);
  const quarters =
    a.endQuarter && a.endQuarter !== a.startQuarter
      ? `${field(a.startQuarter)}–${field(a.endQuarter)}`
      : field(a.startQuarter);
  const budget = a.budget === null || a.budget === undefined ? "—" : `${field(a.budget)} ${field(a.currency)}`;
  return [field(a.title), quarters, field(a.department), budget, field(a.status), field(a.goal)].join(" · ");
}

function rightLine(raw: Record<string, unknown>): string {
  const a: Record<string, unknown> = withDefaults(RightAttrs, raw);
  const measure = a.kpi ? `${field(a.kpi)} ${a.direction === "at_most" ? "≤" : "≥"} ${field(a.threshold)}` : "—";
  return [field(a.situation), field(a.right), field(a.department), measure].join(" · ");
}

function flatten(node: JSONContent, inQuote: boolean, out: Block[]): void {
  switch (node.type) {
    case "paragraph":
      out.push(makeBlock(inQuote ? "blockquote" : "paragraph", plainText(node)));
      return;
    case "heading":
      out.push(makeBlock("heading", plainText(node), { level: Number(node.attrs?.level ?? 1) }));
      return;
    case "codeBlock":
      out.push(makeBlock("codeBlock", plainText(node)));
      return;
    case "horizontalRule":
      out.push(makeBlock("horizontalRule", ""));
      return;
    case "bulletList":
    case "orderedList":
    case "taskList":
      flattenList(node, 0, out);
      return;
    case "table":
      for (const row of node.content ?? []) {
        const cells = (row.content ?? []).map((cell) => blocksText(cell.content ?? []));
        out.push(makeBlock("tableRow", cells.join(" | ")));
      }
      return;
    case "blockquote":
      for (const child of node.content ?? []) flatten(child, true, out);
      return;
    case BLOCK_NODES.initiative:
      // The fields read as one line, so a changed budget or quarter shows as changed words; the text below follows.
      out.push(withIdentity(makeBlock("initiative", initiativeLine(node.attrs ?? {})), node.attrs?.blockId));
      for (const child of node.content ?? []) flatten(child, inQuote, out);
      return;
    case BLOCK_NODES.right:
      out.push(withIdentity(makeBlock("customerRight", rightLine(node.attrs ?? {})), node.attrs?.blockId));
      return;
    default:
      // Unknown containers (and the doc itself) are walked; unknown leaves still show their text.
      if (node.content?.some((child) => child.type !== "text" && child.type !== "hardBreak")) {
        for (const child of node.content) flatten(child, inQuote, out);
      } else {
        out.push(makeBlock("other", plainText(node)));
      }
  }
}

function blocksOf(doc: JSONContent): Block[] {
  const out: Block[] = [];
  for (const child of doc.content ?? []) flatten(child, false, out);
  return out;
}

// ---------------------------------------------------------------------------
// Sequence diff
// ---------------------------------------------------------------------------

// The `diff` package's Myers search costs ~D² steps for D edits: past this many
// edits the middle is reported as replaced wholesale rather than minimised.
const MAX_EDITS = 1000;

const kept = <T>(value: T[]): ArrayChange<T> => ({ value, added: false, removed: false, count: value.length });
const removedRun = <T>(value: T[]): ArrayChange<T> => ({ value, added: false, removed: true, count: value.length });
const addedRun = <T>(value: T[]): ArrayChange<T> => ({ value, added: true, removed: false, count: value.length });

/**
 * A shortest edit script from `a` to `b` as runs of kept (taken from `b`),
 * removed and added items. The common head and tail are matched first, which is
 * all most edits need and keeps, say, a sentence's final full stop matched to
 * the final full stop rather than to one inside an abbreviation.
 */
function diffSequence<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): ArrayChange<T>[] {
  let head = 0;
  while (head < a.length && head < b.length && same(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail], b[b.length - 1 - tail])) {
    tail++;
  }
  const oldMiddle = a.slice(head, a.length - tail);
  const newMiddle = b.slice(head, b.length - tail);
  const middle = diffArrays(oldMiddle, newMiddle, { comparator: same, maxEditLength: MAX_EDITS }) ?? [
    removedRun(oldMiddle),
    addedRun(newMiddle),
  ];
  const runs = [kept(b.slice(0, head)), ...middle, kept(b.slice(b.length - tail))];
  return runs.filter((run) => run.count > 0);
}

const isEdit = (change: ArrayChange<unknown> | undefined) => change !== undefined && (change.added || change.removed);

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

// Chinese and Japanese are written without spaces, so each of their characters
// (and full-width punctuation) is a token of its own; elsewhere a token is a
// run of letters/digits, a run of white space or a single other character.
const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef";
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+|\\s+|.`, "gsu");

function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const isSpace = (token: string) => /^\s+$/.test(token);

/** Share of words (white space aside) the two texts have in common, relative to the longer one. */
function similarity(a: string[], b: string[]): number {
  const wordsA = a.filter((token) => !isSpace(token));
  const wordsB = b.filter((token) => !isSpace(token));
  const longer = Math.max(wordsA.length, wordsB.length);
  if (longer === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of wordsA) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of wordsB) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  return common / longer;
}

type WordRun = { same: string } | { del: string; ins: string };

/**
 * Word-level parts from `a` to `b`. Each run of edits becomes one deletion then
 * one insertion, and a bare space between two edits joins them: "[-old words-]
 * [+new text+]" reads better than alternating single words around shared spaces.
 */
function wordParts(a: string[], b: string[]): DiffPart[] {
  const changes = diffSequence(a, b, (x, y) => x === y);
  const runs: WordRun[] = [];
  changes.forEach((change, i) => {
    const text = change.value.join("");
    const last = runs[runs.length - 1];
    const edit = last && "del" in last ? last : undefined;
    if (isEdit(change)) {
      const run = edit ?? { del: "", ins: "" };
      if (run !== edit) runs.push(run);
      if (change.removed) run.del += text;
      else run.ins += text;
    } else if (edit && isSpace(text) && isEdit(changes[i + 1])) {
      edit.del += text;
      edit.ins += text;
    } else {
      runs.push({ same: text });
    }
  });
  return runs.flatMap((run): DiffPart[] => {
    if ("same" in run) return [{ text: run.same, op: "same" }];
    const parts: DiffPart[] = [];
    if (run.del) parts.push({ text: run.del, op: "delete" });
    if (run.ins) parts.push({ text: run.ins, op: "insert" });
    return parts;
  });
}

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

/** Removed and added blocks of one kind with at least this share of words in common are shown as one changed block. */
const SIMILAR = 0.4;
/** How far ahead among the added blocks a removed block looks for its new version. */
const PAIR_WINDOW = 64;

const ATTRS = ["level", "checked", "depth", "ordered"] as const;

function attrsOf(block: Block): BlockAttrs {
  const attrs: BlockAttrs = {};
  for (const name of ATTRS) if (block[name] !== undefined) Object.assign(attrs, { [name]: block[name] });
  return attrs;
}

function shown(block: Block, change: DiffBlock["change"], parts: DiffPart[]): DiffBlock {
  const out: DiffBlock = { kind: block.kind, ...attrsOf(block), change, parts };
  if (block.number !== undefined) out.number = block.number;
  return out;
}

function changed(before: Block, after: Block, beforeTokens: string[], afterTokens: string[]): DiffBlock {
  const out = shown(after, "changed", wordParts(beforeTokens, afterTokens));
  if (out.parts.length === 0) out.parts = [{ text: "", op: "same" }];
  const was: BlockAttrs = {};
  for (const name of ATTRS) if (before[name] !== after[name]) Object.assign(was, { [name]: before[name] });
  if (Object.keys(was).length > 0) out.was = was;
  return out;
}

/**
 * A run of removed blocks followed by added ones (what the block diff gives
 * between two unchanged blocks): each removed block is paired, in order, with
 * the first later added block of its kind that says much the same thing.
 */
function pairRun(removed: Block[], added: Block[], out: DiffBlock[]): void {
  const tokensOf = new Map<Block, string[]>();
  const tokens = (block: Block) => {
    let cached = tokensOf.get(block);
    if (!cached) tokensOf.set(block, (cached = tokenize(block.text)));
    return cached;
  };
  let r = 0;
  let nextAdded = 0;
  for (let i = 0; i < removed.length; i++) {
    const before = removed[i];
    const limit = Math.min(added.length, nextAdded + PAIR_WINDOW);
    for (let j = nextAdded; j < limit; j++) {
      const after = added[j];
      if (after.kind !== before.kind || after.identity !== before.identity) continue;
      const blank = before.text.trim() === "" || after.text.trim() === "";
      const sameBlock = before.identity !== undefined;
      if (!blank && !sameBlock && similarity(tokens(before), tokens(after)) < SIMILAR) continue;
      for (; r < i; r++) out.push(shown(removed[r], "removed", [{ text: removed[r].text, op: "delete" }]));
      for (; nextAdded < j; nextAdded++) {
        out.push(shown(added[nextAdded], "added", [{ text: added[nextAdded].text, op: "insert" }]));
      }
      out.push(changed(before, after, tokens(before), tokens(after)));
      r = i + 1;
      nextAdded = j + 1;
      break;
    }
  }
  for (; r < removed.length; r++) out.push(shown(removed[r], "removed", [{ text: removed[r].text, op: "delete" }]));
  for (; nextAdded < added.length; nextAdded++) {
    out.push(shown(added[nextAdded], "added", [{ text: added[nextAdded].text, op: "insert" }]));
  }
}

/** The blocks of `after` (and those removed from `before`) in reading order, each marked with what changed. */
export function diffContent(before: JSONContent, after: JSONContent): DiffBlock[] {
  const a = blocksOf(before);
  const b = blocksOf(after);
  const out: DiffBlock[] = [];
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) pairRun(removed, added, out);
    removed = [];
    added = [];
  };
  for (const change of diffSequence(a, b, (x, y) => x.key === y.key)) {
    if (change.removed) removed = removed.concat(change.value);
    else if (change.added) added = added.concat(change.value);
    else {
      flush();
      for (const block of change.value) out.push(shown(block, "same", [{ text: block.text, op: "same" }]));
    }
  }
  flush();
  return out;
}

export function summarizeDiff(blocks: DiffBlock[]): DiffSummary {
  const summary: DiffSummary = { added: 0, removed: 0, changed: 0 };
  for (const block of blocks) if (block.change !== "same") summary[block.change]++;
  return summary;
}

/** Whether two documents read the same: same blocks, text and block attributes; marks are not compared. */
export function sameContent(a: JSONContent, b: JSONContent): boolean {
  const blocksA = blocksOf(a);
  const blocksB = blocksOf(b);
  return blocksA.length === blocksB.length && blocksA.every((block, i) => block.key === blocksB[i].key);
}
