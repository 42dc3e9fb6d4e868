import type { EditorView } from "@tiptap/pm/view";
import { useEditorState, type Editor } from "@tiptap/react";
import { forwardRef, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useIsMac } from "~/components/use-is-mac";
import { useT } from "~/i18n/i18n";
import { SHORTCUTS, shortcutText } from "~/shared/shortcuts";
import { findState, replaceAll, replaceCurrent, search, step } from "./find-in-document";

/**
 * Find (and, for editors, replace) in the document. While it is open the
 * matches are highlighted in this browser only; closing it clears them.
 */
export function FindBar({
  editor,
  editable,
  query,
  onQueryChange,
  openings,
  onClose,
}: {
  editor: Editor;
  editable: boolean;
  query: string;
  onQueryChange: (query: string) => void;
  /** Changes with each Ctrl/⌘+F: the find field takes focus again. */
  openings: number;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const bar = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [replacement, setReplacement] = useState("");
  // An input method spells Chinese in Latin letters first; those are not worth a search.
  const [composing, setComposing] = useState(false);
  const [replaced, setReplaced] = useState<number | null>(null);
  const { current, total } = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const state = findState(e.state);
      return { current: state.current + 1, total: state.matches.length };
    },
  });

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [openings]);

  useEffect(() => {
    if (composing || editor.isDestroyed) return;
    search(editor.view, query);
    setReplaced(null);
    reveal(editor.view, bar.current);
  }, [editor, query, composing]);

  useEffect(
    () => () => {
      if (!editor.isDestroyed) search(editor.view, "");
    },
    [editor],
  );

  const act = (action: (view: EditorView) => void) => {
    action(editor.view);
    setReplaced(null);
    reveal(editor.view, bar.current);
  };
  const onEnter = (action: (event: KeyboardEvent) => void) => (event: KeyboardEvent) => {
    // Enter also picks an input method's candidate; that one is not for us.
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    action(event);
  };

  let status = "";
  if (replaced !== null) status = t("collab.find.replaced", { count: replaced });
  else if (query && total === 0) status = t("collab.find.none");
  else if (query) status = t("collab.find.count", { current, total });

  return (
    <div
      ref={bar}
      className="find-bar"
      role="search"
      aria-label={t("collab.find.title")}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onClose();
      }}
    >
      <div className="find-bar__row">
        <label className="visually-hidden" htmlFor={`${id}-query`}>
          {t("collab.find.query")}
        </label>
        <input
          ref={field}
          id={`${id}-query`}
          className="find-bar__input"
          value={query}
          placeholder={t("collab.find.query")}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onQueryChange(event.target.value)}
          onCompositionStart={() => setComposing(true)}
          onCompositionEnd={() => setComposing(false)}
          onKeyDown={onEnter((event) => act((v) => step(v, event.shiftKey ? -1 : 1)))}
        />
        <div className="find-bar__controls">
          <span className="find-bar__count" aria-live="polite">
            {status}
          </span>
          <IconButton label={t("collab.find.previous")} keys="Shift+Enter" onClick={() => act((v) => step(v, -1))}>
            <Chevron up />
          </IconButton>
          <IconButton label={t("collab.find.next")} keys="Enter" onClick={() => act((v) => step(v, 1))}>
            <Chevron />
          </IconButton>
          <IconButton label={t("collab.find.close")} keys="Esc" onClick={onClose}>
            ×
          </IconButton>
        </div>
      </div>
      {editable ? (
        <div className="find-bar__row">
          <label className="visually-hidden" htmlFor={`${id}-replacement`}>
            {t("collab.find.replaceWith")}
          </label>
          <input
            id={`${id}-replacement`}
            className="find-bar__input"
            value={replacement}
            placeholder={t("collab.find.replaceWith")}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setReplacement(event.target.value)}
            onKeyDown={onEnter(() => act((v) => replaceCurrent(v, replacement)))}
          />
          <div className="find-bar__controls">
            <button
              type="button"
              className="find-bar__action"
              onClick={() => act((v) => replaceCurrent(v, replacement))}
            >
              {t("collab.find.replace")}
            </button>
            <button
              type="button"
              className="find-bar__action"
              onClick={() => setReplaced(replaceAll(editor.view, replacement))}
            >
              {t("collab.find.replaceAll")}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The toolbar's way into the find bar, for those who do not know the shortcut. */
export const FindButton = forwardRef<HTMLButtonElement, { onClick: () => void }>(function FindButton({ onClick }, ref) {
  const t = useT();
  const label = t("collab.find.title");
  const mac = useIsMac();
  return (
    <button
      ref={ref}
      type="button"
      className="toolbar__button"
      aria-label={label}
      title={`${label} (${shortcutText(SHORTCUTS.find, mac)})`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <svg
        width="16"
        height="16"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.2}
        aria-hidden="true"
      >
        <circle cx="10.5" cy="10.5" r="6" />
        <path d="m15 15 5 5" strokeLinecap="round" />
      </svg>
    </button>
  );
});

function IconButton({
  label,
  keys,
  onClick,
  children,
}: {
  label: string;
  keys: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="toolbar__button" aria-label={label} title={`${label} (${keys})`} onClick={onClick}>
      {children}
    </button>
  );
}

function Chevron({ up = false }: { up?: boolean }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      aria-hidden="true"
    >
      <path d={up ? "m6 15 6-6 6 6" : "m6 9 6 6 6-6"} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * Scrolls the current match to the middle of the screen, unless it is in sight
 * already: below the sticky bar this find bar is part of, and above the fold.
 */
function reveal(view: EditorView, bar: HTMLElement | null): void {
  const match = view.dom.querySelector(".find-match--current");
  if (!match) return;
  const { top, bottom } = match.getBoundingClientRect();
  if (top < (bar?.getBoundingClientRect().bottom ?? 0) || bottom > window.innerHeight) {
    match.scrollIntoView({ block: "center" });
  }
}
