/**
 * Reads the structured blocks out of a document's Yjs content, in document
 * order, for the tables the workspace queries. Anyone on a team can write any
 * attribute through any client, so every block is checked: one that fails is
 * reported and skipped, and the rest of the document is still read.
 */
import * as Y from "yjs";
import { DOCUMENT_FIELD } from "~/features/documents/collab/editor-extensions";
import { BLOCK_NODES, InitiativeAttrs, RightAttrs, type CustomerRight, type Initiative } from "./blocks";

export interface ExtractedInitiative extends Initiative {
  /** 0-based order among the document's initiatives. */
  position: number;
  /** The free text under the fields, flattened. */
  summary: string;
  /** Inside an internal section: never published to the customer. */
  internal: boolean;
}

export interface ExtractedRight extends CustomerRight {
  position: number;
  internal: boolean;
}

export interface SkippedBlock {
  node: string;
  blockId: string | null;
  reason: string;
}

export interface ExtractedBlocks {
  initiatives: ExtractedInitiative[];
  rights: ExtractedRight[];
  skipped: SkippedBlock[];
}

const MAX_SUMMARY = 1000;

/** The plain text of an element's content, paragraphs joined by spaces. */
function plainText(element: Y.XmlElement | Y.XmlFragment): string {
  const parts: string[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[])
        if (typeof op.insert === "string") parts.push(op.insert);
    } else if (child instanceof Y.XmlElement) {
      const inner = plainText(child);
      if (inner) parts.push(inner);
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** The blocks of a stored document or version (a Yjs state). */
export function extractBlocksFromState(state: Uint8Array): ExtractedBlocks {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return extractBlocks(ydoc.getXmlFragment(DOCUMENT_FIELD));
  } finally {
    ydoc.destroy();
  }
}

export function extractBlocks(fragment: Y.XmlFragment): ExtractedBlocks {
  const out: ExtractedBlocks = { initiatives: [], rights: [], skipped: [] };
  const seen = new Set<string>();
  const visit = (parent: Y.XmlElement | Y.XmlFragment, internal: boolean) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const name = child.nodeName;
      if (name === BLOCK_NODES.internal) {
        visit(child, true);
      } else if (name === BLOCK_NODES.initiative || name === BLOCK_NODES.right) {
        read(child, name, internal);
      } else {
        visit(child, internal);
      }
    }
  };
  const read = (element: Y.XmlElement, name: string, internal: boolean) => {
    const attrs = element.getAttributes() as Record<string, unknown>;
    const blockId = typeof attrs.blockId === "string" ? attrs.blockId : null;
    const skip = (reason: string) => out.skipped.push({ node: name, blockId, reason });
    // A pasted copy keeps its id until the editor renames it: the first one counts.
    if (blockId !== null && seen.has(blockId)) return skip("duplicate blockId");
    if (name === BLOCK_NODES.initiative) {
      const parsed = InitiativeAttrs.safeParse(nullsForMissing(attrs));
      if (!parsed.success) return skip(reasonOf(parsed.error));
      seen.add(parsed.data.blockId);
      out.initiatives.push({
        ...parsed.data,
        position: out.initiatives.length,
        summary: plainText(element).slice(0, MAX_SUMMARY),
        internal,
      });
    } else {
      const parsed = RightAttrs.safeParse(nullsForMissing(attrs));
      if (!parsed.success) return skip(reasonOf(parsed.error));
      seen.add(parsed.data.blockId);
      out.rights.push({ ...parsed.data, position: out.rights.length, internal });
    }
  };
  visit(fragment, false);
  return out;
}

// y-prosemirror leaves attributes at their default out of the element; zod's defaults then apply.
function nullsForMissing(attrs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== null && value !== undefined));
}

function reasonOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "block"}: ${issue.message}`).join("; ");
}
