import type { JSONContent } from "@tiptap/core";
import { BLOCK_NODES } from "~/features/blocks/blocks";

/**
 * What the customer may read of a document: everything but the sections
 * marked internal and the roadmap's internal goals. Removed whole, with
 * everything inside them.
 */
export function customerContent(content: JSONContent): JSONContent {
  const keep = (node: JSONContent): boolean =>
    node.type !== BLOCK_NODES.internal && !(node.type === BLOCK_NODES.initiative && node.attrs?.goal === "internal");
  const strip = (node: JSONContent): JSONContent =>
    node.content ? { ...node, content: node.content.filter(keep).map(strip) } : node;
  return strip(content);
}
