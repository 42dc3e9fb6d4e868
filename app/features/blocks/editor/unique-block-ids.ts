import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { BLOCK_NODES } from "~/features/blocks/blocks";
import { newBlockId } from "./block-commands";

const IDENTIFIED: ReadonlySet<string> = new Set([BLOCK_NODES.initiative, BLOCK_NODES.right]);

/** A change that came from the Y.Doc (another person, the first sync, undo): its author already fixed its ids. */
function fromYjs(tr: Transaction): boolean {
  return (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
}

/**
 * Keeps block ids unique in the document, because links (timeline → `#block-<id>`) and the
 * extraction name blocks by id: a pasted or duplicated block whose id is already taken, or one
 * without an id, gets a fresh one. Of two blocks sharing an id, the one that had it before the
 * change keeps it, so pasting a copy above the original does not move the original's links.
 */
export const UniqueBlockIds = Extension.create({
  name: "uniqueBlockIds",
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey("uniqueBlockIds"),
        appendTransaction(transactions, oldState, newState) {
          // A reader's client must never write: the server would refuse the update.
          if (!editor.isEditable || !transactions.some((tr) => tr.docChanged && !fromYjs(tr))) return null;
          const owners = new Map<string, number>();
          oldState.doc.descendants((node, pos) => {
            if (node.isTextblock) return false;
            const id = node.attrs.blockId as string | null | undefined;
            if (IDENTIFIED.has(node.type.name) && id && !owners.has(id)) {
              owners.set(
                id,
                transactions.reduce((at, tr) => tr.mapping.map(at), pos),
              );
            }
          });
          const found: { pos: number; id: string | null }[] = [];
          newState.doc.descendants((node, pos) => {
            if (node.isTextblock) return false;
            if (IDENTIFIED.has(node.type.name)) found.push({ pos, id: (node.attrs.blockId as string | null) || null });
          });
          const taken = new Set<string>();
          // The previous owner of each id claims it first, wherever it now stands.
          for (const { pos, id } of found) if (id && owners.get(id) === pos) taken.add(id);
          const tr = newState.tr;
          for (const block of found) {
            if (block.id && owners.get(block.id) === block.pos) continue;
            if (block.id && !taken.has(block.id)) {
              taken.add(block.id);
              continue;
            }
            tr.setNodeAttribute(block.pos, "blockId", newBlockId());
          }
          return tr.docChanged ? tr : null;
        },
      }),
    ];
  },
});
