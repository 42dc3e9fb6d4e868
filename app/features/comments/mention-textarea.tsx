import { useId, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { useT } from "~/i18n/i18n";
import { matchesShortcut, SHORTCUTS } from "~/shared/shortcuts";
import type { Mentionable } from "~/features/comments/mentions";

const SHOWN = 6;
const QUERY_BEFORE_CARET = /(^|\s)@([\p{L}\p{N}_.-]*)$/u;

interface Props {
  name: string;
  label: string;
  mentionables: Mentionable[];
  defaultValue?: string;
  autoFocus?: boolean;
  /** Ctrl/⌘+Enter submits the surrounding form. */
  onSubmitShortcut?: () => void;
  /** Escape (with no suggestions open) cancels. */
  onCancelShortcut?: () => void;
}

/**
 * A comment box that offers the team's people and departments after `@`:
 * arrow keys move, Enter or Tab inserts, Escape closes the list.
 */
export function MentionTextarea({
  name,
  label,
  mentionables,
  defaultValue,
  autoFocus,
  onSubmitShortcut,
  onCancelShortcut,
}: Props) {
  const t = useT();
  const listId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const mention = useMentionQuery(field, mentionables);
  const { matches, highlighted, open } = mention;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      mention.setHighlighted((i) => (i + step + matches.length) % matches.length);
    } else if (open && (event.key === "Enter" || event.key === "Tab")) {
      event.preventDefault();
      mention.insert(matches[highlighted]);
    } else if (open && event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      mention.close();
    } else if (matchesShortcut(event.nativeEvent, SHORTCUTS.send)) {
      event.preventDefault();
      onSubmitShortcut?.();
    } else if (
      onCancelShortcut &&
      !event.nativeEvent.isComposing &&
      matchesShortcut(event.nativeEvent, SHORTCUTS.cancel)
    ) {
      event.preventDefault();
      onCancelShortcut();
    }
  };

  return (
    <div className="mention-field">
      <textarea
        ref={field}
        name={name}
        aria-label={label}
        placeholder={t("comments.placeholder")}
        defaultValue={defaultValue}
        autoFocus={autoFocus}
        rows={3}
        maxLength={5000}
        required
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${highlighted}` : undefined}
        onInput={mention.refresh}
        onClick={mention.refresh}
        onBlur={() => setTimeout(mention.close, 150)}
        onKeyDown={onKeyDown}
      />
      {open ? <MentionList id={listId} matches={matches} highlighted={highlighted} onPick={mention.insert} /> : null}
    </div>
  );
}

/** The `@query` just before the caret, the mentionables it matches, and inserting the chosen one. */
function useMentionQuery(field: RefObject<HTMLTextAreaElement>, mentionables: Mentionable[]) {
  const [query, setQuery] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const matches =
    query === null
      ? []
      : mentionables
          .filter((m) => m.handle.includes(query.toLowerCase()) || m.label.toLowerCase().includes(query.toLowerCase()))
          .slice(0, SHOWN);

  const refresh = () => {
    const el = field.current;
    if (!el) return;
    const match = QUERY_BEFORE_CARET.exec(el.value.slice(0, el.selectionStart));
    setQuery(match ? match[2] : null);
    setHighlighted(0);
  };

  const insert = (mentionable: Mentionable) => {
    const el = field.current;
    if (!el || query === null) return;
    const caret = el.selectionStart;
    const start = caret - query.length;
    const text = `${mentionable.handle} `;
    el.setRangeText(text, start, caret, "end");
    el.focus();
    setQuery(null);
  };

  const close = () => setQuery(null);
  return { matches, open: matches.length > 0, highlighted, setHighlighted, refresh, insert, close };
}

interface MentionListProps {
  id: string;
  matches: Mentionable[];
  highlighted: number;
  onPick: (mentionable: Mentionable) => void;
}

function MentionList({ id, matches, highlighted, onPick }: MentionListProps) {
  const t = useT();
  return (
    <ul id={id} role="listbox" className="mention-list" aria-label={t("comments.mentionSuggestions")}>
      {matches.map((m, i) => (
        <li
          key={`${m.kind}:${m.handle}`}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === highlighted}
          className="mention-list__option"
          onMouseDown={(event) => {
            // Keeps the focus in the textarea, where the mention is inserted.
            event.preventDefault();
            onPick(m);
          }}
        >
          <span className="mention-list__swatch" style={{ background: m.color }} aria-hidden="true" />
          <span className="mention-list__label">{m.label}</span>
          <span className="muted small">
            @{m.handle} · {m.kind === "department" ? t("comments.wholeDepartment") : m.detail}
          </span>
        </li>
      ))}
    </ul>
  );
}
