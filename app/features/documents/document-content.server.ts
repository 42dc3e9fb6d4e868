import { getSchema, type JSONContent } from "@tiptap/core";
import { createHash } from "node:crypto";
import { prosemirrorJSONToYDoc, prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { DOCUMENT_FIELD, documentExtensions } from "~/features/documents/collab/editor-extensions";

const schema = getSchema(documentExtensions);

/**
 * Turns TipTap JSON (a template or seed content) into a Yjs update for a new
 * document. The schema check throws on content the editor could not load.
 */
export function contentToYjsState(content: JSONContent): Uint8Array {
  schema.nodeFromJSON(content).check();
  const ydoc = prosemirrorJSONToYDoc(schema, content, DOCUMENT_FIELD);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return state;
}

/** The document's content as TipTap JSON, from a Yjs state. */
export function yjsStateToContent(state: Uint8Array): JSONContent {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  const content = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
  ydoc.destroy();
  return content;
}

/**
 * A hash of what the document says, not of how Yjs got there: two states with
 * the same text, structure and marks hash alike. Keys are sorted because Yjs
 * keeps attributes in the order they were first set.
 */
export function contentHash(content: JSONContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Replaces everything in `ydoc`'s fragment with `content`, as one change (restoring a version). */
export function replaceContent(ydoc: Y.Doc, content: JSONContent): void {
  schema.nodeFromJSON(content).check();
  const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
  ydoc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, content, fragment);
  });
}
