import { Fragment, useEffect, useId, useRef, useState } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";
import {
  matchesShortcut,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  shortcutKeyNames,
  type Shortcut,
  type ShortcutGroup,
} from "~/shared/shortcuts";
import { useIsMac } from "./use-is-mac";

const OPEN_EVENT = "keyroom:shortcut-help";

/** Opens the shortcut help from a button or the command palette. */
export function openShortcutHelp(): void {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

const GROUP_TITLE: Record<ShortcutGroup, MessageKey> = {
  global: "shortcuts.group.global",
  editor: "shortcuts.group.editor",
  comments: "shortcuts.group.comments",
};

/** Typing there: `?` is a question mark, not a request for help. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches("input, textarea, select");
}

/**
 * `?` anywhere in the workspace (outside a text field) lists every shortcut,
 * rendered from the same list the handlers match against. A modal <dialog>:
 * focus moves in, Escape closes it, and focus returns to where it was.
 */
export function ShortcutHelp() {
  const t = useT();
  const mac = useIsMac();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const show = () => setOpen(true);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTyping(event.target)) return;
      if (!matchesShortcut(event, SHORTCUTS.help)) return;
      event.preventDefault();
      show();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener(OPEN_EVENT, show);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener(OPEN_EVENT, show);
    };
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open]);

  const shortcuts = Object.entries(SHORTCUTS) as [string, Shortcut][];
  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby={open ? titleId : undefined}
      onClose={() => {
        setOpen(false);
        // The browser returns focus too, but not to an element that was re-rendered meanwhile.
        if (returnTo.current?.isConnected) returnTo.current.focus();
        returnTo.current = null;
      }}
      onClick={(event) => {
        if (event.target === dialog.current) setOpen(false);
      }}
    >
      {/* Rendered only while open: closed, the list would be a third of every page's markup to hydrate. */}
      {open ? (
        <div className="shortcut-help__panel">
          <div className="shortcut-help__head">
            <h2 id={titleId}>{t("shortcuts.title")}</h2>
            <button
              type="button"
              className="button button--ghost button--small"
              autoFocus
              onClick={() => setOpen(false)}
            >
              {t("shortcuts.closeButton")}
            </button>
          </div>
          {SHORTCUT_GROUPS.map((group) => (
            <table key={group} className="shortcut-help__group">
              <caption>{t(GROUP_TITLE[group])}</caption>
              <tbody>
                {shortcuts
                  .filter(([, shortcut]) => shortcut.group === group)
                  .map(([id, shortcut]) => (
                    <tr key={id} data-shortcut={id}>
                      <th scope="row">{t(shortcut.label)}</th>
                      <td>
                        {shortcut.keys.map((keys, i) => (
                          <Fragment key={keys}>
                            {i > 0 ? <span className="shortcut-help__or"> {t("shortcuts.or")} </span> : null}
                            <Keys names={shortcutKeyNames(keys, mac)} />
                          </Fragment>
                        ))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ))}
        </div>
      ) : null}
    </dialog>
  );
}

function Keys({ names }: { names: string[] }) {
  return (
    <kbd className="shortcut-help__keys">
      {names.map((name, i) => (
        <Fragment key={i}>
          {i > 0 ? "+" : null}
          <kbd>{name}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}
