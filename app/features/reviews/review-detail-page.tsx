import { Link } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT } from "~/i18n/i18n";
import type { ReviewSummary } from "./review";
import { ReviewLive } from "./review-live";
import { ReviewLobby } from "./review-lobby";
import type { ReviewPageData } from "./review-page";
import { ReviewStatusBadge } from "./review-status-badge";
import { ReviewSummaryView } from "./review-summary-view";

/** A closed review: its frozen summary. */
export interface ClosedReviewData {
  mode: "closed";
  account: ReviewPageData["account"];
  review: ReviewPageData["review"];
  canLead: boolean;
  canEdit: boolean;
  summary: ReviewSummary;
}

/** One review: its heading, then the lobby, the live meeting or the closed summary. */
export function ReviewDetailPage({ data }: { data: ReviewPageData | ClosedReviewData }) {
  const t = useT();
  const locale = useLocale();
  const { account, review } = data;
  useRevalidateOn("review:changed", (change) => change.reviewId === review.id);
  useRevalidateOn("action:changed", (change) => change.accountId === account.id);
  const base = `/accounts/${account.id}/reviews/${review.id}`;
  return (
    <>
      <div className="page-title review-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>{" "}
          / <Link to={`/accounts/${account.id}/reviews`}>{t("reviews.title")}</Link>
        </p>
        <h1>
          {t("reviews.name", { quarter: review.quarter })} <ReviewStatusBadge status={review.status} />
        </h1>
        <p className="muted" suppressHydrationWarning>
          {t("reviews.scheduledFor", {
            when: formatDateTime(review.scheduledAt, locale),
            by: review.createdBy,
          })}
        </p>
        {data.mode === "closed" ? (
          <p className="review-exports">
            <a href={`${base}/export.md`} className="button button--ghost button--small" download>
              {t("reviews.export.markdown")}
            </a>
            <Link to={`${base}/print`} className="button button--ghost button--small" target="_blank">
              {t("reviews.export.print")}
            </Link>
          </p>
        ) : null}
      </div>
      {data.mode === "closed" ? (
        <ReviewSummaryView summary={data.summary} links />
      ) : data.mode === "live" ? (
        <ReviewLive data={data} />
      ) : (
        <ReviewLobby data={data} />
      )}
    </>
  );
}
