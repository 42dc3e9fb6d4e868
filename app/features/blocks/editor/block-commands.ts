import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { liftTarget } from "@tiptap/pm/transform";
import { BLOCK_NODES } from "~/features/blocks/blocks";
import { formatQuarter, parseQuarter, quarterOf, type Quarter } from "~/features/kpis/kpi";

/**
 * A block id: random, URL-safe and within the app's id pattern. Not crypto.randomUUID, which
 * browsers only offer on HTTPS or localhost, and a team may run Keyroom on a plain LAN address.
 */
export function newBlockId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function currentQuarter(now = new Date()): string {
  return formatQuarter(quarterOf(now));
}

function shift({ year, quarter }: Quarter, by: number): string {
  const n = year * 4 + quarter - 1 + by;
  return formatQuarter({ year: Math.floor(n / 4), quarter: ((n % 4) + 1) as Quarter["quarter"] });
}

/** Two years back to two ahead of now, plus a stored value outside them so it is never lost from the list. */
export function quarterOptions(stored: string | null, now = new Date()): string[] {
  const current = quarterOf(now);
  const around = Array.from({ length: 17 }, (_, i) => shift(current, i - 8));
  if (stored && parseQuarter(stored) && !around.includes(stored)) around.push(stored);
  return around.sort();
}

/** Blocks whose view should take the caret once it mounts: the ones this person just inserted. */
const pendingFocus = new WeakMap<Editor, string>();

/** True once for the block this person just inserted, so its first field gets the caret. */
export function takeFocusRequest(editor: Editor, blockId: string | null): boolean {
  if (!blockId || pendingFocus.get(editor) !== blockId) return false;
  pendingFocus.delete(editor);
  return true;
}

/**
 * Where a new block goes: after the block holding the caret, at the level of the document or
 * of the internal section around it (never inside an initiative's text). An empty paragraph
 * there is replaced instead of left behind.
 */
function insertionRange(state: EditorState): { from: number; to: number } {
  const { $to } = state.selection;
  for (let depth = $to.depth; depth > 0; depth--) {
    const parent = $to.node(depth - 1).type.name;
    if (parent !== "doc" && parent !== BLOCK_NODES.internal) continue;
    const block = $to.node(depth);
    if (block.type.name === "paragraph" && block.content.size === 0)
      return { from: $to.before(depth), to: $to.after(depth) };
    return { from: $to.after(depth), to: $to.after(depth) };
  }
  return { from: $to.pos, to: $to.pos };
}

function insertBlock(editor: Editor, type: string, attrs: Record<string, unknown>, withText: boolean): boolean {
  const blockId = newBlockId();
  pendingFocus.set(editor, blockId);
  const node = { type, attrs: { ...attrs, blockId }, ...(withText ? { content: [{ type: "paragraph" }] } : {}) };
  return editor.chain().insertContentAt(insertionRange(editor.state), node).run();
}

export function insertInitiative(editor: Editor, department: string | null): boolean {
  return insertBlock(
    editor,
    BLOCK_NODES.initiative,
    {
      startQuarter: currentQuarter(),
      department: department ?? "",
      status: "planned",
      goal: "external",
      currency: "CNY",
    },
    true,
  );
}

export function insertRight(editor: Editor, department: string | null): boolean {
  return insertBlock(editor, BLOCK_NODES.right, { department: department ?? "", direction: "at_least" }, false);
}

function internalDepth(state: EditorState): number | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === BLOCK_NODES.internal) return depth;
  }
  return null;
}

export function isInInternal(editor: Editor): boolean {
  return internalDepth(editor.state) !== null;
}

/** Marks the selected blocks internal, or, inside an internal section, publishes its whole content again. */
export function toggleInternal(editor: Editor, dryRun = false): boolean {
  const depth = internalDepth(editor.state);
  const chain = dryRun ? editor.can().chain() : editor.chain().focus();
  if (depth === null) return chain.wrapIn(BLOCK_NODES.internal).run();
  return chain
    .command(({ tr, dispatch }) => {
      const { $from } = tr.selection;
      const range = tr.doc.resolve($from.start(depth)).blockRange(tr.doc.resolve($from.end(depth)));
      const target = range && liftTarget(range);
      if (!range || target === null || target === undefined) return false;
      if (dispatch) tr.lift(range, target);
      return true;
    })
    .run();
}
