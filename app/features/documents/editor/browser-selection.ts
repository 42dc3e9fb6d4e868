import { TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/**
 * The selection as the browser has it now, in document positions, or null
 * when it is not in the editor's text. ProseMirror reads a moved selection on
 * the next `selectionchange` event, and a key pressed right after a click or
 * Home reaches us before that: its own state may still be a step behind. In a
 * read-only editor, which takes no focus, it is also the only place a
 * reader's selection is.
 */
export function browserSelection(view: EditorView): { from: number; to: number } | null {
  // Focus in a block card's field also leaves the browser's selection beside the card.
  if (view.editable && !view.hasFocus()) return null;
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!view.dom.contains(range.commonAncestorContainer)) return null;
  try {
    const from = view.posAtDOM(range.startContainer, range.startOffset);
    const to = view.posAtDOM(range.endContainer, range.endOffset);
    return from <= to ? { from, to } : null;
  } catch {
    return null;
  }
}

/** Makes the browser's selection the editor's, for a command about to start from it. */
export function followBrowserSelection(view: EditorView): void {
  const range = browserSelection(view);
  if (!range) return;
  const { doc } = view.state;
  const selection = TextSelection.between(doc.resolve(range.from), doc.resolve(range.to));
  if (!selection.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(selection));
}
