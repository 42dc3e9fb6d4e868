import type { Editor } from "@tiptap/react";
import { useEffect } from "react";
import { useHub } from "~/hub/hub-context";

const SETTLE_MS = 400;
const MAX_RETRIES = 5;

/** The text of the last heading at or before the caret: the section someone is working in. */
function sectionAt(editor: Editor): string | null {
  const caret = editor.state.selection.from;
  let section: string | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (pos > caret) return false;
    if (node.type.name === "heading") section = node.textContent.trim().slice(0, 120) || null;
    // Headings live at the top level (or in a table cell); no need to look inside paragraphs.
    return !node.isTextblock;
  });
  return section;
}

/** Tells the team hub which section of the document this person's caret is in, once it settles. */
export function useSectionPresence(editor: Editor | null, documentId: string): void {
  const { socket } = useHub();
  useEffect(() => {
    if (!editor || !socket) return;
    let sent: string | null | undefined;
    let retries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const section = editor.isFocused ? sectionAt(editor) : null;
        if (section === sent || !socket.connected) return;
        sent = section;
        socket.emit("presence:section", { documentId, section }, (reply) => {
          // Refused while the room join is still under way (after a reconnect): try again shortly.
          if (!reply.ok && retries++ < MAX_RETRIES) {
            sent = undefined;
            report();
          }
        });
      }, SETTLE_MS);
    };
    const resend = () => {
      sent = undefined;
      report();
    };
    editor.on("selectionUpdate", report);
    editor.on("focus", report);
    editor.on("blur", report);
    socket.on("connect", resend);
    return () => {
      clearTimeout(timer);
      editor.off("selectionUpdate", report);
      editor.off("focus", report);
      editor.off("blur", report);
      socket.off("connect", resend);
    };
  }, [editor, socket, documentId]);
}
