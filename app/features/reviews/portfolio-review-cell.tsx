import { Link } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { useLocale, useT } from "~/i18n/i18n";
import type { PortfolioReview } from "~/features/reviews/review";

/** An account's last and next review, in one portfolio cell. */
export function PortfolioReviewCell({ accountId, reviews }: { accountId: string; reviews: PortfolioReview }) {
  const t = useT();
  const locale = useLocale();
  const base = `/accounts/${accountId}/reviews`;
  return (
    <ul className="portfolio-reviews small">
      <li>
        {t("portfolio.reviews.last")}{" "}
        {reviews.last ? (
          <Link to={`${base}/${reviews.last.id}`}>{reviews.last.quarter}</Link>
        ) : (
          <span className="muted">—</span>
        )}
      </li>
      <li>
        {t("portfolio.reviews.next")}{" "}
        {reviews.next ? (
          <Link to={`${base}/${reviews.next.id}`}>
            {reviews.next.live ? (
              <span className="badge review-badge review-badge--live">{t("reviews.status.live")}</span>
            ) : (
              <time dateTime={reviews.next.scheduledAt} suppressHydrationWarning>
                {formatDateTime(reviews.next.scheduledAt, locale)}
              </time>
            )}
          </Link>
        ) : (
          <Link to={base} className="muted">
            {t("portfolio.reviews.none")}
          </Link>
        )}
      </li>
    </ul>
  );
}
