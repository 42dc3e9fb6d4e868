import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { SyncStatus } from "~/features/documents/collab/use-sync-status";
import { useT, type MessageKey } from "~/i18n/i18n";
import { CloseCode } from "../../../../server/collab/wire/close-codes";

/** Seconds until `at` (epoch ms), rounded up, ticking while mounted. */
function useSecondsUntil(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [at]);
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The saved / saving / reconnecting / offline / closed pill. The live region
 * holds a sentence that changes with the state only, so screen readers are not
 * told every second of the countdown.
 */
export function SyncIndicator({
  status,
  readOnly,
  onRetry,
  withNotice = false,
}: {
  status: SyncStatus;
  readOnly: boolean;
  onRetry: () => void;
  /** A ClosedNotice is on the page: link to it after a final close. */
  withNotice?: boolean;
}) {
  const t = useT();
  return (
    <span className={`sync sync--${status.state}`} data-sync-state={status.state}>
      <span className="sync__dot" aria-hidden="true" />
      {status.state === "reconnecting" ? (
        <Reconnecting retryAt={status.retryAt} onRetry={onRetry} />
      ) : (
        <span role="status" aria-live="polite">
          {status.state === "closed"
            ? t(closedMessages(status.code).title)
            : // A viewer's writes are dropped, so the server never acks them: nothing is ever "saving".
              readOnly && (status.state === "saved" || status.state === "saving")
              ? t("sync.refused")
              : t(`sync.${status.state}`)}
        </span>
      )}
      {status.state === "closed" && withNotice ? (
        // The notice with what to do sits above the text, out of sight when the page is scrolled.
        <a className="sync__link" href={`#${CLOSED_NOTICE_ID}`}>
          {t("collab.closed.whatToDo")}
        </a>
      ) : null}
    </span>
  );
}

function Reconnecting({ retryAt, onRetry }: { retryAt: number; onRetry: () => void }) {
  const t = useT();
  const seconds = useSecondsUntil(retryAt);
  return (
    <>
      <span role="status" aria-live="polite" className="visually-hidden">
        {t("collab.reconnecting.announce")}
      </span>
      <span aria-hidden="true" className="sync__countdown">
        {seconds > 0 ? t("collab.reconnecting.in", { seconds }) : t("collab.reconnecting.now")}
      </span>
      <button type="button" className="sync__retry" onClick={onRetry}>
        {t("collab.retryNow")}
      </button>
    </>
  );
}

interface ClosedMessages {
  title: MessageKey;
  body: MessageKey;
  action: "signIn" | "account" | "portfolio" | "discard" | "reload";
}

const CLOSED: Partial<Record<number, ClosedMessages>> = {
  [CloseCode.Unauthorized]: { title: "collab.closed.4401.title", body: "collab.closed.4401.body", action: "signIn" },
  [CloseCode.Forbidden]: { title: "collab.closed.4403.title", body: "collab.closed.4403.body", action: "portfolio" },
  [CloseCode.NotFound]: { title: "collab.closed.4404.title", body: "collab.closed.4404.body", action: "account" },
  [CloseCode.DocumentDeleted]: {
    title: "collab.closed.4410.title",
    body: "collab.closed.4410.body",
    action: "account",
  },
  [CloseCode.DocumentTooLarge]: {
    title: "collab.closed.4413.title",
    body: "collab.closed.4413.body",
    action: "discard",
  },
  [CloseCode.InvalidMessage]: { title: "collab.closed.4400.title", body: "collab.closed.4400.body", action: "discard" },
  [CloseCode.MessageTooBig]: { title: "collab.closed.1009.title", body: "collab.closed.1009.body", action: "discard" },
};

// Unknown codes are retried (isRetryableClose): this is for a final code added later.
const FALLBACK: ClosedMessages = {
  title: "collab.closed.other.title",
  body: "collab.closed.other.body",
  action: "reload",
};

const CLOSED_NOTICE_ID = "sync-closed";

function closedMessages(code: number): ClosedMessages {
  return CLOSED[code] ?? FALLBACK;
}

/**
 * Why the document stopped syncing for good, and what to do about it. The
 * editor turns read-only but keeps what the person typed on screen (and on
 * this device), so nothing they wrote silently disappears.
 */
export function ClosedNotice({
  code,
  unsent,
  accountId,
  onDiscard,
}: {
  code: number;
  unsent: boolean;
  accountId: string;
  /** Forgets this device's unsent changes and reloads: the way out when the server refuses them. */
  onDiscard: () => void;
}) {
  const t = useT();
  const messages = closedMessages(code);
  const here = typeof window === "undefined" ? "/" : window.location.pathname + window.location.search;
  return (
    <div className="closed-notice" role="alert" id={CLOSED_NOTICE_ID} tabIndex={-1} data-close-code={code}>
      <p className="closed-notice__title">{t(messages.title)}</p>
      <p>{t(messages.body)}</p>
      <p>{t(unsent ? "collab.closed.unsent" : "collab.closed.nothingUnsent")}</p>
      <p className="closed-notice__actions">
        {messages.action === "signIn" ? (
          <Link className="button button--small" to={`/login?${new URLSearchParams({ redirectTo: here })}`}>
            {t("collab.action.signIn")}
          </Link>
        ) : messages.action === "account" ? (
          <Link className="button button--small" to={`/accounts/${accountId}`}>
            {t("collab.action.account")}
          </Link>
        ) : messages.action === "portfolio" ? (
          <Link className="button button--small" to="/accounts">
            {t("collab.action.portfolio")}
          </Link>
        ) : messages.action === "discard" ? (
          <button type="button" className="button button--small" onClick={onDiscard}>
            {t("collab.action.discard")}
          </button>
        ) : (
          <button type="button" className="button button--small" onClick={() => window.location.reload()}>
            {t("collab.action.reload")}
          </button>
        )}
      </p>
    </div>
  );
}
