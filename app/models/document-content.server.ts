import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { DOCUMENT_FIELD, documentExtensions } from "~/collab/editor-extensions";

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
