import { useFetcher } from "@remix-run/react";
import { useRef, useState } from "react";
import { useT } from "~/i18n/i18n";
import { ACTION_STATUSES, type ActionStatus } from "~/features/action-items/action-item.schema";

interface Props {
  actionId: string;
  status: ActionStatus;
  /** The item's title, to name the field for screen readers. */
  title: string;
  /** The account's action route, e.g. `/accounts/:id/actions`. */
  action: string;
}

type Reply = { ok: true } | { ok: false; errors: Record<string, string[] | undefined> };

/**
 * Changes an item's status through a fetcher. A pointer pick saves at once;
 * from the keyboard, arrows only move the choice (browsers fire `change` on
 * every arrow press) and Enter or leaving the field saves it.
 */
export function StatusSelect({ actionId, status, title, action }: Props) {
  const t = useT();
  const fetcher = useFetcher<Reply>();
  const [value, setValue] = useState(status);
  const [stored, setStored] = useState(status);
  const [reply, setReply] = useState(fetcher.data);
  const fromKeyboard = useRef(false);
  const unsaved = useRef(false);

  // Follow changes stored elsewhere, and fall back to the stored status when a save is refused.
  if (status !== stored) {
    setStored(status);
    setValue(status);
  }
  if (fetcher.data !== reply) {
    setReply(fetcher.data);
    if (fetcher.data?.ok === false) setValue(status);
  }

  const save = (next: ActionStatus) => {
    unsaved.current = false;
    if (next !== status) fetcher.submit({ intent: "update", actionId, status: next }, { method: "post", action });
  };
  const error =
    fetcher.state === "idle" && fetcher.data?.ok === false ? Object.values(fetcher.data.errors)[0]?.[0] : null;

  return (
    <span className="status-select">
      <select
        className={`status-select__input status--${value}`}
        aria-label={t("actions.statusOf", { title })}
        aria-busy={fetcher.state !== "idle"}
        value={value}
        onPointerDown={() => (fromKeyboard.current = false)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && unsaved.current) {
            event.preventDefault();
            save(value);
          } else if (event.key !== "Tab") fromKeyboard.current = true;
        }}
        onChange={(event) => {
          const next = event.target.value as ActionStatus;
          setValue(next);
          if (fromKeyboard.current) unsaved.current = true;
          else save(next);
        }}
        onBlur={() => {
          if (unsaved.current) save(value);
        }}
      >
        {ACTION_STATUSES.map((option) => (
          <option key={option} value={option}>
            {t(`actions.status.${option}`)}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="form-error small">
          {error}
        </span>
      ) : null}
    </span>
  );
}
