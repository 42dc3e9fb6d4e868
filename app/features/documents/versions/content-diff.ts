import type { JSONContent } from "@tiptap/core";

/**
 * What changed between two versions of a document, as a flat list of blocks in
 * reading order. Pure and dependency-free so the browser and the server can
 * both run it (the `diff` package is not a dependency, hence the Myers below).
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

type Block = BlockAttrs & { kind: BlockKind; number?: number; text: string; key: string };

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
// Sequence diff (Myers, "An O(ND) Difference Algorithm and Its Variations")
// ---------------------------------------------------------------------------

type Step = { op: "same"; a: number; b: number } | { op: "delete"; a: number } | { op: "insert"; b: number };

// The trace keeps one snapshot per edit, ~D² integers in all: past this many
// edits the middle is reported as replaced wholesale rather than minimised.
const MAX_EDITS = 1000;

function myers(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): Step[] {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d][k + d] = furthest x reached on diagonal k after d edits.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m, a0, b0);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  const steps: Step[] = [];
  for (let i = a0; i < a1; i++) steps.push({ op: "delete", a: i });
  for (let j = b0; j < b1; j++) steps.push({ op: "insert", b: j });
  return steps;
}

function backtrack(trace: Int32Array[], n: number, m: number, a0: number, b0: number): Step[] {
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[prevK + d - 1];
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    while (x > midX) {
      x--;
      y--;
      steps.push({ op: "same", a: a0 + x, b: b0 + y });
    }
    steps.push(down ? { op: "insert", b: b0 + prevY } : { op: "delete", a: a0 + prevX });
    x = prevX;
    y = prevY;
  }
  while (x > 0) {
    x--;
    y--;
    steps.push({ op: "same", a: a0 + x, b: b0 + y });
  }
  return steps.reverse();
}

/** A shortest edit script from `a` to `b`; common head and tail are matched first, which is all most edits need. */
function diffSequence(a: readonly string[], b: readonly string[]): Step[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const steps: Step[] = [];
  for (let i = 0; i < head; i++) steps.push({ op: "same", a: i, b: i });
  for (const step of myers(a, b, head, a.length - tail, head, b.length - tail)) steps.push(step);
  for (let i = tail; i > 0; i--) steps.push({ op: "same", a: a.length - i, b: b.length - i });
  return steps;
}

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

/**
 * Word-level parts from `a` to `b`. Each run of edits becomes one deletion then
 * one insertion, and a bare space between two edits joins them: "[-old words-]
 * [+new text+]" reads better than alternating single words around shared spaces.
 */
function wordParts(a: string[], b: string[]): DiffPart[] {
  type Run = { same: string } | { del: string; ins: string };
  const runs: Run[] = [];
  for (const step of diffSequence(a, b)) {
    const last = runs[runs.length - 1];
    if (step.op === "same") {
      if (last && "same" in last) last.same += a[step.a];
      else runs.push({ same: a[step.a] });
    } else {
      const edit = last && "del" in last ? last : { del: "", ins: "" };
      if (edit !== last) runs.push(edit);
      if (step.op === "delete") edit.del += a[step.a];
      else edit.ins += b[step.b];
    }
  }
  const merged: Run[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const prev = merged[merged.length - 1];
    const next = runs[i + 1];
    if ("same" in run && isSpace(run.same) && prev && "del" in prev && next && "del" in next) {
      prev.del += run.same + next.del;
      prev.ins += run.same + next.ins;
      i++;
    } else if ("del" in run && prev && "del" in prev) {
      prev.del += run.del;
      prev.ins += run.ins;
    } else {
      merged.push(run);
    }
  }
  return merged.flatMap((run): DiffPart[] => {
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
      if (after.kind !== before.kind) continue;
      const blank = before.text.trim() === "" || after.text.trim() === "";
      if (!blank && similarity(tokens(before), tokens(after)) < SIMILAR) continue;
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
  for (const step of diffSequence(
    a.map((block) => block.key),
    b.map((block) => block.key),
  )) {
    if (step.op === "delete") removed.push(a[step.a]);
    else if (step.op === "insert") added.push(b[step.b]);
    else {
      flush();
      out.push(shown(b[step.b], "same", [{ text: b[step.b].text, op: "same" }]));
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
