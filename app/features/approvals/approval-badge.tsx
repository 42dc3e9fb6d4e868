import { useT, type MessageKey } from "~/i18n/i18n";
import type { ApprovalStatus } from "~/features/approvals/approval.schema";

/** A document's approval state at a glance. */
export function ApprovalBadge({ status }: { status: ApprovalStatus }) {
  const t = useT();
  return (
    <span className={`badge approval-badge approval-badge--${status}`} data-approval={status}>
      {t(`approval.status.${status}` as MessageKey)}
    </span>
  );
}
