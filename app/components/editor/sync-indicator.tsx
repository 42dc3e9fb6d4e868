import type { SyncStatus } from "~/collab/use-sync-status";
import { useT, type MessageKey } from "~/i18n/i18n";
import { CloseCode } from "~/shared/close-codes";

const CLOSED_MESSAGES: Partial<Record<number, MessageKey>> = {
  [CloseCode.Unauthorized]: "sync.closed.4401",
  [CloseCode.Forbidden]: "sync.closed.4403",
  [CloseCode.DocumentTooLarge]: "sync.closed.4413",
};

/** The connected / saving / offline pill; announced politely to screen readers. */
export function SyncIndicator({ status, readOnly }: { status: SyncStatus; readOnly: boolean }) {
  const t = useT();
  const label =
    status.state === "closed"
      ? t(CLOSED_MESSAGES[status.code] ?? "sync.closed.other")
      : readOnly && status.state === "saved"
        ? t("sync.refused")
        : t(`sync.${status.state}`);
  return (
    <span className={`sync sync--${status.state}`} role="status" aria-live="polite" data-sync-state={status.state}>
      <span className="sync__dot" aria-hidden="true" />
      {label}
    </span>
  );
}
