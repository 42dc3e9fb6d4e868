import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useRef, type MutableRefObject, type ReactNode } from "react";
import type { CollabSession } from "~/features/documents/collab/provider.client";
import { DOCUMENT_FIELD, documentExtensions } from "~/features/documents/collab/editor-extensions";
import { anchorSelection, resolveAnchor, type SelectionAnchor } from "~/features/comments/comment-anchors";
import { CommentHighlights, setHighlights } from "~/features/comments/comment-highlights";
import { withBlockViews } from "~/features/blocks/editor/editor-blocks";
import { useJumpToBlock } from "~/features/blocks/editor/use-jump-to-block";
import { useT } from "~/i18n/i18n";
import { matchesShortcut, SHORTCUTS } from "~/shared/shortcuts";
import type { CommentThreadView } from "~/features/comments/comment-view";
import { CommentButton, EditorToolbar } from "./editor-toolbar";
import { useSectionPresence } from "./use-section-presence";
import { centerWhenSettled } from "./center-when-settled";
import { FindInDocument } from "./find/find-in-document";
import { FindBar, FindButton } from "./find/find-bar";
import { useFind } from "./find/use-find";
import { browserSelection } from "./browser-selection";

export interface EditorUser {
  name: string;
  color: string;
}

interface CommentBinding {
  threads: CommentThreadView[];
  activeId: string | null;
  onActivate: (threadId: string) => void;
  /** Called with the selection's anchor when the user starts a comment, or null without a selection. */
  onStart: ((anchor: SelectionAnchor | null) => void) | null;
  /** Threads whose anchored text is gone. */
  onDetached: (ids: Set<string>) => void;
  /** Called with the selected text when the user turns it into an action item. */
  onActionItem: ((quote: string) => void) | null;
}

/**
 * The TipTap editor bound to the document's Y.XmlFragment. Mounted only once
 * the collab session exists, so the binding starts from the synced doc.
 */
export function DocumentEditor({
  session,
  documentId,
  user,
  editable,
  label,
  comments,
  status,
}: {
  session: CollabSession;
  documentId: string;
  user: EditorUser;
  editable: boolean;
  label: string;
  comments: CommentBinding;
  /** The sync pill, kept in the sticky bar above the text so it stays in sight while scrolling. */
  status?: ReactNode;
}) {
  const t = useT();
  // The extension is created once per editor; it reads the latest callbacks through this ref.
  const latest = useRef(comments);
  latest.current = comments;
  const { editor, startComment } = useCollabEditor(session, user, editable, label, latest);
  useSectionPresence(editor, documentId);
  useJumpToBlock(editor);
  const container = useRef<HTMLDivElement>(null);
  const find = useFind(editor, container);

  // The editor is created once per session; a connection closed for good turns it read-only
  // later, keeping what was typed on screen.
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  useReaderCommentShortcut(editor, !editable && comments.onStart !== null, startComment);
  useCommentHighlights(editor, comments.threads, comments.activeId, latest);
  useShowActiveThread(editor, comments.activeId, latest);

  if (!editor) return <p className="muted editor-loading">{t("doc.loading")}</p>;
  return (
    <div className="editor" ref={container}>
      <div className="editor__bar">
        {editable ? (
          <EditorToolbar
            editor={editor}
            onFind={find.open}
            onComment={comments.onStart ? startComment : undefined}
            onActionItem={
              comments.onActionItem
                ? () => {
                    const { from, to } = editor.state.selection;
                    comments.onActionItem?.(editor.state.doc.textBetween(from, to, " ").trim().slice(0, 500));
                  }
                : undefined
            }
          />
        ) : (
          <div className="toolbar" role="toolbar" aria-label={t("doc.toolbar")}>
            <FindButton ref={find.opener} onClick={find.open} />
            {comments.onStart ? <CommentButton onClick={startComment} /> : null}
          </div>
        )}
        {status ? <div className="editor__status">{status}</div> : null}
        {find.isOpen ? (
          <FindBar
            editor={editor}
            editable={editable}
            query={find.query}
            onQueryChange={find.setQuery}
            openings={find.openings}
            onClose={find.close}
          />
        ) : null}
      </div>
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}

/** Highlights the threads' text and reports the threads whose text is gone. */
function useCommentHighlights(
  editor: Editor | null,
  threads: CommentThreadView[],
  activeId: string | null,
  latest: MutableRefObject<CommentBinding>,
) {
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // Resolved threads are highlighted only while open in the panel.
    const shown = threads.filter((thread) => thread.status === "open" || thread.id === activeId);
    setHighlights(editor.view, { threads: shown, activeId });
    // A thread's text can disappear (or, while the document syncs, appear) with any change.
    let reported = "";
    const reportDetached = () => {
      const detached = threads.filter((th) => !resolveAnchor(editor.state, th)).map((th) => th.id);
      const key = detached.join();
      if (key === reported) return;
      reported = key;
      latest.current.onDetached(new Set(detached));
    };
    reportDetached();
    editor.on("update", reportDetached);
    return () => {
      editor.off("update", reportDetached);
    };
  }, [editor, threads, activeId, latest]);
}

/**
 * Opening a thread (from the panel or a notification link) shows its text, as soon as the
 * text is there: right after a page load the document may still be syncing.
 */
function useShowActiveThread(editor: Editor | null, activeId: string | null, latest: MutableRefObject<CommentBinding>) {
  useEffect(() => {
    if (!editor || editor.isDestroyed || !activeId) return;
    const jump = () => {
      const thread = latest.current.threads.find((th) => th.id === activeId);
      const range = thread && resolveAnchor(editor.state, thread);
      if (!range) return;
      editor.off("transaction", jump);
      editor.commands.setTextSelection(range);
      const dom = editor.view.domAtPos(range.from).node;
      const anchor = dom instanceof Element ? dom : dom.parentElement;
      if (anchor) centerWhenSettled(anchor, editor.view.dom);
    };
    editor.on("transaction", jump);
    jump();
    return () => {
      editor.off("transaction", jump);
    };
  }, [editor, activeId, latest]);
}

/** The editor bound to the session's document, with carets and comment highlights. */
function useCollabEditor(
  session: CollabSession,
  user: EditorUser,
  editable: boolean,
  label: string,
  latest: MutableRefObject<CommentBinding>,
) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...withBlockViews(documentExtensions),
        Collaboration.configure({ document: session.ydoc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user, render: renderCaret }),
        FindInDocument,
        CommentHighlights.configure({
          onActivate: (id) => latest.current.onActivate(id),
          // Created once, with the first render's closures, when `editor` was still null: the
          // shortcut did nothing (issue 21). The extension hands over its own editor instead.
          onStartComment: (current) => startCommentIn(current, latest),
        }),
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
  const startComment = () => {
    if (editor) startCommentIn(editor, latest);
  };
  return { editor, startComment };
}

function startCommentIn(editor: Editor, latest: MutableRefObject<CommentBinding>): void {
  latest.current.onStart?.(anchorSelection(editor, selectedRange(editor)));
}

/** What is selected to comment on; a reader's selection is only the browser's. */
function selectedRange(editor: Editor): { from: number; to: number } | null {
  if (editor.isEditable) return editor.state.selection;
  const range = browserSelection(editor.view);
  return range && range.from < range.to ? range : null;
}

/**
 * Ctrl/⌘+Alt+M for readers: the editor's own shortcut never fires in a
 * read-only editor (it cannot be focused), so the page listens instead.
 */
function useReaderCommentShortcut(editor: Editor | null, active: boolean, startComment: () => void): void {
  const latest = useRef(startComment);
  latest.current = startComment;
  useEffect(() => {
    if (!editor || !active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.comment)) return;
      if (!selectedRange(editor)) return;
      event.preventDefault();
      latest.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [editor, active]);
}

/**
 * Another person's caret: a decoration inside the text, so its name label would
 * be read as if it were part of the document. Screen readers get the presence
 * list above the editor instead.
 */
function renderCaret(user: { name: string; color: string }): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = user.color;
  caret.setAttribute("aria-hidden", "true");
  const label = document.createElement("div");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = user.color;
  label.textContent = user.name;
  caret.append(label);
  return caret;
}
