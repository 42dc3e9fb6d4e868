import type { Node } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";

export interface MatchRange {
  from: number;
  to: number;
}

// Stands in for a hard break or any other inline leaf: one character for its one
// position, and nothing a query can match, so a match never spans a line break.
const LEAF = "\uFFFC";

/**
 * Every occurrence of `query` in the document's text, in document order,
 * ignoring case; Chinese, which has no case, matches as typed. A match stays
 * within one paragraph, heading or cell, the text of block cards included.
 */
export function findMatches(doc: Node, query: string): MatchRange[] {
  if (!query) return [];
  // A regular expression rather than lowercasing both sides: lowercasing can change a string's
  // length ("İ" becomes two characters), which would shift every position after it.
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "giu");
  const matches: MatchRange[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // Inside a textblock each character and each leaf is one position, so index i is pos + 1 + i.
    const text = node.textBetween(0, node.content.size, undefined, LEAF);
    for (const match of text.matchAll(pattern)) {
      matches.push({ from: pos + 1 + match.index, to: pos + 1 + match.index + match[0].length });
    }
    return false;
  });
  return matches;
}

/**
 * Replaces the given matches within one transaction, so that undo takes them
 * all back in one step. Later matches go first: replacing them leaves the
 * positions of earlier ones as they were.
 */
export function replaceMatches(tr: Transaction, matches: MatchRange[], replacement: string): Transaction {
  for (const { from, to } of [...matches].reverse()) tr.insertText(replacement, from, to);
  return tr;
}
