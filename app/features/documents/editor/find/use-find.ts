import type { EditorState } from "@tiptap/pm/state";
import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { matchesShortcut, SHORTCUTS } from "~/shared/shortcuts";
import { followBrowserSelection } from "../browser-selection";
import { findState } from "./find-in-document";

/**
 * The find bar's state: whether it is open, its query (kept between openings,
 * as a browser's find keeps it), and a count of openings the bar focuses its
 * field on. Ctrl/⌘+F opens it while focus or the selection is in `container`.
 */
export function useFind(editor: Editor | null, container: RefObject<HTMLElement>) {
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [openings, setOpenings] = useState(0);
  // Where focus goes back to when a viewer closes the bar: read-only text takes none.
  const opener = useRef<HTMLButtonElement>(null);

  const open = useCallback(() => {
    if (!editor) return;
    followBrowserSelection(editor.view);
    const selected = selectedText(editor.state);
    if (selected) setQuery(selected);
    setOpen(true);
    setOpenings((count) => count + 1);
  }, [editor]);

  const close = useCallback(() => {
    setOpen(false);
    if (!editor || editor.isDestroyed) return;
    if (!editor.isEditable) {
      opener.current?.focus();
      return;
    }
    const { matches, current } = findState(editor.state);
    editor
      .chain()
      .focus()
      .setTextSelection(matches[current] ?? editor.state.selection)
      .run();
  }, [editor]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isFindShortcut(event) || !holdsFocus(container.current)) return;
      // Keeps the browser's own find bar from opening on top of this one.
      event.preventDefault();
      open();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [container, open]);

  return { isOpen, query, setQuery, openings, open, close, opener };
}

/** The selection's text, when it is a few words within one paragraph: worth searching for. */
function selectedText(state: EditorState): string {
  const { from, to, empty, $from, $to } = state.selection;
  if (empty || !$from.sameParent($to) || to - from > 200) return "";
  return state.doc.textBetween(from, to);
}

function isFindShortcut(event: KeyboardEvent): boolean {
  return matchesShortcut(event, SHORTCUTS.find);
}

function holdsFocus(container: HTMLElement | null): boolean {
  if (!container) return false;
  const active = document.activeElement;
  if (active && active !== document.body) return container.contains(active);
  // Read-only text cannot be focused: a viewer who clicked into it has only put the selection there.
  const anchor = document.getSelection()?.anchorNode;
  return !!anchor && container.contains(anchor);
}
