import type { AnyExtension } from "@tiptap/core";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { blockNodes } from "~/features/blocks/block-nodes";

/**
 * The document schema, shared by the browser editor and the server (which
 * turns templates into Yjs state with it). Undo/redo comes from the
 * Collaboration extension instead: Yjs' undo manager only undoes your own edits.
 */
export const documentExtensions: AnyExtension[] = [
  StarterKit.configure({
    undoRedo: false,
    link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] },
  }),
  TableKit.configure({ table: { resizable: false } }),
  TaskList,
  TaskItem.configure({ nested: true }),
  ...blockNodes,
];

/** The Y.XmlFragment TipTap content lives in (the collab contract). */
export const DOCUMENT_FIELD = "default";
