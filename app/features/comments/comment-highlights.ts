import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { SHORTCUTS } from "~/shared/shortcuts";
import { resolveAnchor } from "./comment-anchors";

export interface HighlightedThread {
  id: string;
  anchorStart: string;
  anchorEnd: string;
}

interface HighlightOptions {
  /** A click on highlighted text opens its thread. */
  onActivate: (threadId: string) => void;
  /** Mod-Alt-M starts a comment on the selection, in this editor. */
  onStartComment: (editor: Editor) => void;
}

interface HighlightMeta {
  threads: HighlightedThread[];
  activeId: string | null;
}

export const commentHighlightKey = new PluginKey<{ meta: HighlightMeta; decorations: DecorationSet }>(
  "commentHighlights",
);

function decorate(state: EditorState, meta: HighlightMeta): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of meta.threads) {
    const range = resolveAnchor(state, thread);
    if (!range) continue;
    const active = thread.id === meta.activeId;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: active ? "comment-anchor comment-anchor--active" : "comment-anchor",
        "data-thread": thread.id,
      }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Tells the editor which threads to highlight and which one is open. */
export function setHighlights(view: { state: EditorState; dispatch: (tr: never) => void }, meta: HighlightMeta): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightKey, meta).setMeta("addToHistory", false) as never);
}

/**
 * Highlights the text each open comment thread is anchored to, recomputed
 * from the Yjs positions whenever the document changes (local or remote).
 */
export const CommentHighlights = Extension.create<HighlightOptions>({
  name: "commentHighlights",

  addOptions() {
    return { onActivate: () => {}, onStartComment: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      [SHORTCUTS.comment.keys[0]]: () => {
        this.options.onStartComment(this.editor);
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    const { onActivate } = this.options;
    return [
      new Plugin({
        key: commentHighlightKey,
        state: {
          init: (): { meta: HighlightMeta; decorations: DecorationSet } => ({
            meta: { threads: [], activeId: null },
            decorations: DecorationSet.empty,
          }),
          apply(tr, value, _old, state) {
            const meta = (tr.getMeta(commentHighlightKey) as HighlightMeta | undefined) ?? value.meta;
            if (!tr.docChanged && meta === value.meta) return value;
            return { meta, decorations: decorate(state, meta) };
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state)?.decorations,
          handleClick(_view, _pos, event) {
            const target = (event.target as HTMLElement | null)?.closest("[data-thread]");
            const id = target?.getAttribute("data-thread");
            if (id) onActivate(id);
            return false;
          },
        },
      }),
    ];
  },
});
