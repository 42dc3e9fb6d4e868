import { useFetcher, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { openShortcutHelp } from "~/components/shortcut-help";
import { useT } from "~/i18n/i18n";
import { matchesShortcut, SHORTCUTS } from "~/shared/shortcuts";
import { SEARCH_KIND_LABEL, type SearchResults } from "./search-results";

/** How long typing rests before the palette searches. */
const DEBOUNCE_MS = 150;
const MAX_HITS = 8;

interface Option {
  id: string;
  label: string;
  detail?: string;
  href: string;
  /** A command that acts in place instead of going to `href`. */
  run?: () => void;
}

/**
 * Ctrl/⌘+K from anywhere in the workspace, the editor included: jump to a
 * page, run a command, or open what search finds as you type. A modal dialog
 * (focus stays in it, Escape closes it), a combobox over a listbox, driven
 * from the keyboard.
 */
export function CommandPalette() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const search = useFetcher<{ results: SearchResults }>();
  const term = query.trim();

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!matchesShortcut(event, SHORTCUTS.palette)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      input.current?.select();
    } else if (!open && element.open) element.close();
  }, [open]);

  // Wherever the palette led, it is done.
  useEffect(() => setOpen(false), [location.key]);

  useEffect(() => {
    if (!open || !term) return;
    const timer = setTimeout(() => search.load(`/search?${new URLSearchParams({ q: term })}`), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `search` changes identity with every load; the term is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, term]);

  const accountId = /^\/accounts\/([^/]+)/.exec(location.pathname)?.[1];
  const commands: Option[] = [
    { id: "go-portfolio", label: t("nav.portfolio"), href: "/accounts" },
    { id: "go-actions", label: t("nav.myActions"), href: "/actions" },
    { id: "go-approvals", label: t("nav.approvals"), href: "/approvals" },
    { id: "go-notifications", label: t("notifications.title"), href: "/notifications" },
    { id: "shortcuts", label: t("shortcuts.open"), href: "#", run: openShortcutHelp },
    ...(accountId
      ? [{ id: "new-action", label: t("actions.new.title"), href: `/accounts/${accountId}/actions#new-action-heading` }]
      : []),
  ].filter((command) => command.label.toLowerCase().includes(term.toLowerCase()));
  const found = search.data?.results.query === term ? search.data.results.groups.flatMap((group) => group.hits) : [];
  const options: Option[] = [
    ...commands,
    ...found.slice(0, MAX_HITS).map((hit) => ({
      id: `${hit.kind}-${hit.id}`,
      label: hit.title,
      detail: `${t(SEARCH_KIND_LABEL[hit.kind])} · ${hit.accountName}`,
      href: hit.href,
    })),
    ...(term
      ? [
          {
            id: "search-all",
            label: t("palette.searchAll", { query: term }),
            href: `/search?${new URLSearchParams({ q: term })}`,
          },
        ]
      : []),
  ];
  const current = Math.min(active, Math.max(0, options.length - 1));
  const optionId = (option: Option) => `${listId}-${option.id}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % Math.max(1, options.length));
    } else if (event.key === "Enter" && options[current]) {
      event.preventDefault();
      choose(options[current]);
    }
  };
  const choose = (option: Option) => {
    if (!option.run) return navigate(option.href);
    // Closed first, so the help dialog returns focus to where it was before the palette.
    dialog.current?.close();
    option.run();
  };

  return (
    <dialog
      ref={dialog}
      className="palette"
      aria-label={t("palette.title")}
      onClose={() => setOpen(false)}
      onClick={(event) => {
        // A click on the backdrop (the dialog itself, outside its panel) closes it.
        if (event.target === dialog.current) setOpen(false);
      }}
    >
      <div className="palette__panel">
        <input
          ref={input}
          className="palette__input"
          type="text"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-activedescendant={options[current] ? optionId(options[current]) : undefined}
          aria-label={t("palette.title")}
          placeholder={t("palette.placeholder")}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
        />
        <ul id={listId} role="listbox" className="palette__options" aria-busy={search.state === "loading"}>
          {options.map((option, index) => (
            <li
              key={option.id}
              id={optionId(option)}
              role="option"
              aria-selected={index === current}
              className="palette__option"
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <span className="palette__label">{option.label}</span>
              {option.detail ? <span className="palette__detail">{option.detail}</span> : null}
            </li>
          ))}
        </ul>
        {term && search.state === "idle" && found.length === 0 && search.data?.results.query === term ? (
          <p className="palette__empty" role="status">
            {t("search.none", { query: term })}
          </p>
        ) : null}
      </div>
    </dialog>
  );
}
