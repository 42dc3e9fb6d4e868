import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";

export interface SelectionAnchor {
  anchorStart: string;
  anchorEnd: string;
  quote: string;
}

export interface AnchoredRange {
  from: number;
  to: number;
}

interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<unknown, unknown> } | null;
}

function ySync(state: EditorState): YSyncState | null {
  const sync = ySyncPluginKey.getState(state) as YSyncState | undefined;
  return sync?.binding ? sync : null;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The current selection as a pair of Yjs relative positions: they point at
 * characters, not offsets, so the anchor follows the text through everyone's
 * concurrent edits.
 */
export function anchorSelection(
  editor: Editor,
  range: { from: number; to: number } | null = editor.state.selection,
): SelectionAnchor | null {
  const sync = ySync(editor.state);
  if (!range || range.from >= range.to || !sync?.binding) return null;
  const { from, to } = range;
  const quote = editor.state.doc.textBetween(from, to, " ").trim();
  if (!quote) return null;
  const encode = (pos: number) =>
    toBase64(
      Y.encodeRelativePosition(
        absolutePositionToRelativePosition(pos, sync.type, sync.binding!.mapping as never) as Y.RelativePosition,
      ),
    );
  return { anchorStart: encode(from), anchorEnd: encode(to), quote: quote.slice(0, 500) };
}

/** Where an anchor is now, or null when its text was deleted. */
export function resolveAnchor(
  state: EditorState,
  anchor: { anchorStart: string; anchorEnd: string },
): AnchoredRange | null {
  const sync = ySync(state);
  if (!sync?.binding) return null;
  const resolve = (encoded: string) => {
    try {
      return relativePositionToAbsolutePosition(
        sync.doc,
        sync.type,
        Y.decodeRelativePosition(fromBase64(encoded)),
        sync.binding!.mapping as never,
      );
    } catch {
      return null;
    }
  };
  const from = resolve(anchor.anchorStart);
  const to = resolve(anchor.anchorEnd);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  return { from, to };
}
