import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import type { CollabSession } from "~/collab/provider.client";
import { DOCUMENT_FIELD, documentExtensions } from "~/collab/editor-extensions";
import { useT } from "~/i18n/i18n";
import { EditorToolbar } from "./editor-toolbar";

export interface EditorUser {
  name: string;
  color: string;
}

/**
 * The TipTap editor bound to the document's Y.XmlFragment. Mounted only once
 * the collab session exists, so the binding starts from the synced doc.
 */
export function DocumentEditor({
  session,
  user,
  editable,
  label,
}: {
  session: CollabSession;
  user: EditorUser;
  editable: boolean;
  label: string;
}) {
  const t = useT();
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...documentExtensions,
        Collaboration.configure({ document: session.ydoc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user }),
      ],
      editorProps: {
        attributes: {
          class: "prose",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          spellcheck: "true",
        },
      },
    },
    [session],
  );
  if (!editor) return <p className="muted editor-loading">{t("doc.loading")}</p>;
  return (
    <div className="editor">
      {editable ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}
