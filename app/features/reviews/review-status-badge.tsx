import { useT } from "~/i18n/i18n";
import type { ReviewStatus } from "~/features/reviews/review";

export function ReviewStatusBadge({ status }: { status: string }) {
  const t = useT();
  const known = (["scheduled", "live", "closed"] as const).find((s) => s === status) ?? "scheduled";
  return (
    <span className={`badge review-badge review-badge--${known}`} data-review-status={known}>
      {t(`reviews.status.${known satisfies ReviewStatus}`)}
    </span>
  );
}
