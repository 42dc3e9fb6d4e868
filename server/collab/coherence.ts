import * as Y from "yjs";

/** How far a neighbour may be from the item that names it; beyond that the update is refused. */
const MAX_WALK = 100_000;

type Id = { client: number; clock: number };

/**
 * Finds what in `update` (just applied to `doc`) is well-formed bytes but not
 * a coherent edit, or null when everything is. Yjs does not throw on these,
 * but a copy rebuilt from storage would integrate them differently from the
 * live document, so clients that join later would see another text:
 * - an item whose left neighbour (origin) is not to its left, or whose right
 *   neighbour (rightOrigin) is not to its right, in the same parent;
 * - text or embeds straight under a root type, where the editor's schema has
 *   only block elements (the server could no longer read the document).
 */
export function incoherence(doc: Y.Doc, update: Uint8Array): string | null {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    const item = Y.getItem(doc.store, struct.id);
    // Collected (its parent is deleted): Yjs keeps no position for it, so none can diverge.
    if (!(item instanceof Y.Item)) continue;
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (parent && parent._item === null && item.parentSub === null && !item.deleted) {
      if (!(item.content instanceof Y.ContentType)) return `inline content at the root (${describe(struct.id)})`;
    }
    if (struct.origin) {
      const origin = Y.getItem(doc.store, struct.origin);
      const inside = origin === item && struct.origin.clock < struct.id.clock;
      if (origin instanceof Y.Item && !inside && (origin.parent !== item.parent || !isLeftOf(origin, item))) {
        return `left neighbour ${describe(struct.origin)} is not left of ${describe(struct.id)}`;
      }
    }
    if (struct.rightOrigin) {
      const right = Y.getItem(doc.store, struct.rightOrigin);
      if (right instanceof Y.Item && (right === item || right.parent !== item.parent || !isLeftOf(item, right))) {
        return `right neighbour ${describe(struct.rightOrigin)} is not right of ${describe(struct.id)}`;
      }
    }
  }
  return null;
}

/** Whether `b` comes after `a` in their parent's list (walking right from `a`). */
function isLeftOf(a: Y.Item, b: Y.Item): boolean {
  let next = a.right;
  for (let steps = 0; next && steps < MAX_WALK; steps++) {
    if (next === b) return true;
    next = next.right;
  }
  return false;
}

const describe = (id: Id) => `${id.client}:${id.clock}`;
