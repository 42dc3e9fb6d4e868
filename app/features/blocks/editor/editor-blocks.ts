import type { AnyExtension } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { CustomerRightNode, InitiativeNode, InternalSectionNode } from "~/features/blocks/block-nodes";
import { InitiativeView } from "./initiative-view";
import { InternalSectionView } from "./internal-section-view";
import { RightView } from "./right-view";
import { UniqueBlockIds } from "./unique-block-ids";

// The same nodes as the shared schema (names, attributes, HTML), with interactive views that only the browser has.
const withViews: AnyExtension[] = [
  InitiativeNode.extend({ addNodeView: () => ReactNodeViewRenderer(InitiativeView) }),
  CustomerRightNode.extend({ addNodeView: () => ReactNodeViewRenderer(RightView) }),
  InternalSectionNode.extend({ addNodeView: () => ReactNodeViewRenderer(InternalSectionView) }),
];

/** The document schema for the browser editor: each block node swapped in place for its interactive twin. */
export function withBlockViews(extensions: AnyExtension[]): AnyExtension[] {
  const replaced = extensions.map((extension) => withViews.find((view) => view.name === extension.name) ?? extension);
  return [...replaced, UniqueBlockIds];
}
