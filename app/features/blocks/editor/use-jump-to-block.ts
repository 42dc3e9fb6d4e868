import type { Editor } from "@tiptap/react";
import { useEffect } from "react";
import { centerWhenSettled } from "~/features/documents/editor/center-when-settled";

const HASH = /^#block-([A-Za-z0-9_-]{1,64})$/;

function blockIdInHash(): string | null {
  return HASH.exec(window.location.hash)?.[1] ?? null;
}

function findBlock(editor: Editor, blockId: string): number | null {
  let found: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found !== null || node.isTextblock) return false;
    if (node.attrs.blockId === blockId) found = pos;
    return found === null;
  });
  return found;
}

/**
 * Links to a block (`#block-<id>`, from the timeline) scroll to it and put focus on it: its
 * first field for an editor, the card itself for a reader. The block may only arrive with
 * the first sync, so every change is a chance until it is found.
 */
export function useJumpToBlock(editor: Editor | null): void {
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    let wanted = blockIdInHash();
    const jump = () => {
      const pos = wanted === null ? null : findBlock(editor, wanted);
      const dom = pos === null ? null : editor.view.nodeDOM(pos);
      if (!(dom instanceof HTMLElement)) return;
      wanted = null;
      dom.classList.add("block-jumped");
      window.setTimeout(() => dom.classList.remove("block-jumped"), 2000);
      // A frame later: in the transaction that brings the block, its card has not rendered yet.
      requestAnimationFrame(() => {
        const card = dom.querySelector<HTMLElement>("[data-block-id]") ?? dom;
        const target = editor.isEditable ? card.querySelector<HTMLElement>("input, select, textarea") : card;
        target?.focus({ preventScroll: true });
        centerWhenSettled(card, editor.view.dom);
      });
    };
    const onHashChange = () => {
      wanted = blockIdInHash();
      jump();
    };
    editor.on("transaction", jump);
    window.addEventListener("hashchange", onHashChange);
    jump();
    return () => {
      editor.off("transaction", jump);
      window.removeEventListener("hashchange", onHashChange);
    };
  }, [editor]);
}
