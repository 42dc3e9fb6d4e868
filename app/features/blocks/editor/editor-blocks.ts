import type { AnyExtension } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { browserSelection } from "~/features/documents/editor/browser-selection";
import { CustomerRightNode, InitiativeNode, InternalSectionNode } from "~/features/blocks/block-nodes";
import { InitiativeView } from "./initiative-view";
import { InternalSectionView } from "./internal-section-view";
import { RightView } from "./right-view";
import { SlashCommands } from "./slash-menu";
import { UniqueBlockIds } from "./unique-block-ids";

// The same nodes as the shared schema (names, attributes, HTML), with interactive views that only the browser has.
const withViews: AnyExtension[] = [
  InitiativeNode.extend({
    addNodeView: () => ReactNodeViewRenderer(InitiativeView),
    addKeyboardShortcuts() {
      return {
        // Shift+Tab at the very start of an initiative's text goes back up to its fields.
        "Shift-Tab": ({ editor }) => {
          const { from, to } = browserSelection(editor.view) ?? editor.state.selection;
          const $from = editor.state.doc.resolve(from);
          const depth = $from.depth - 1;
          if (from !== to || depth < 1 || $from.parentOffset !== 0 || $from.index(depth) !== 0) return false;
          if ($from.node(depth).type.name !== this.name) return false;
          const card = editor.view.nodeDOM($from.before(depth));
          const controls = card instanceof HTMLElement ? card.querySelectorAll("input, select, textarea") : [];
          const last = controls[controls.length - 1];
          if (!(last instanceof HTMLElement)) return false;
          last.focus();
          return true;
        },
      };
    },
  }),
  CustomerRightNode.extend({ addNodeView: () => ReactNodeViewRenderer(RightView) }),
  InternalSectionNode.extend({ addNodeView: () => ReactNodeViewRenderer(InternalSectionView) }),
];

/** The document schema for the browser editor: each block node swapped in place for its interactive twin, and the "/" menu. */
export function withBlockViews(extensions: AnyExtension[]): AnyExtension[] {
  const replaced = extensions.map((extension) => withViews.find((view) => view.name === extension.name) ?? extension);
  return [...replaced, UniqueBlockIds, SlashCommands];
}
